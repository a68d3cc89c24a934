"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { connectWayLabel, type ConnectorChoice, type ConnectWay } from "./connect-choice";
import { CredentialsConnectForm } from "./credentials-connect-form";
import { OAuthConnectForm } from "./oauth-connect-form";

/**
 * A provider's connect form, for each way its connector offers. With OAuth and credentials both,
 * the provider's own sign-in comes first and the credentials form opens from a button named for it
 * (e.g. "Use a personal access token").
 */
export function ConnectForm({ choice }: { choice: ConnectorChoice }) {
  const oauth = choice.ways.find((way) => way.kind === "oauth");
  const credentials = choice.ways.find((way) => way.kind === "credentials");
  if (oauth && credentials) return <OAuthOrCredentials choice={choice} oauth={oauth} credentials={credentials} />;
  if (oauth) return <OAuthConnectForm choice={choice} way={oauth} />;
  return credentials ? <CredentialsConnectForm choice={choice} way={credentials} /> : null;
}

function OAuthOrCredentials({
  choice,
  oauth,
  credentials,
}: {
  choice: ConnectorChoice;
  oauth: Extract<ConnectWay, { kind: "oauth" }>;
  credentials: Extract<ConnectWay, { kind: "credentials" }>;
}) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const label = credentials.label ?? connectWayLabel(choice.name, credentials);
  // The button gives way to the form it opens; the person goes on in its first field.
  useEffect(() => {
    if (open) panel.current?.querySelector("input")?.focus();
  }, [open]);
  return (
    <div className="grid gap-4">
      <OAuthConnectForm choice={choice} way={oauth} submitLabel={`Connect with ${choice.name}`} />
      <div className="grid gap-3 border-t pt-4">
        {open ? (
          <section ref={panel} aria-label={label} className="grid gap-3">
            <h3 className="text-sm font-medium">{label}</h3>
            <CredentialsConnectForm choice={choice} way={credentials} />
          </section>
        ) : (
          <Button type="button" variant="link" className="w-fit" onClick={() => setOpen(true)}>
            {label}
          </Button>
        )}
      </div>
    </div>
  );
}
