"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { ConnectorChoice, ConnectWay } from "./connect-choice";

// Starts a provider's OAuth connect: a GET form to /api/connections/<provider>/install, which
// redirects to the provider's consent screen (another site, hence a real navigation, held to the
// CSP's form-action) and comes back through the callback. The account the provider needs first
// (a store's address) is checked by the server before the form leaves, and sent as the
// install will take it; a problem shows under the field.
export function OAuthConnectForm({
  choice,
  way,
  submitLabel = `Connect ${choice.name}`,
}: {
  choice: ConnectorChoice;
  way: Extract<ConnectWay, { kind: "oauth" }>;
  submitLabel?: string;
}) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const field = way.account;
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  // Set once the server accepted the account: the hidden inputs carry it, then the form leaves.
  const [checked, setChecked] = useState<{ account: string | null } | null>(null);

  useEffect(() => {
    if (checked) form.current?.submit();
  }, [checked]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (field && !typed.trim()) {
      setError(`Enter your ${field.label.toLowerCase()}.`);
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      const result = await queryClient.fetchQuery({
        ...trpc.connection.checkAccount.queryOptions({ workspaceSlug: slug, provider: choice.provider, account: typed }),
        staleTime: 0,
      });
      if (result.ok) return setChecked({ account: result.account });
      setError(result.message);
    } catch (failure) {
      setError(errorMessageOf(failure));
    }
    setPending(false);
  }

  return (
    <form
      ref={form}
      action={`/api/connections/${choice.slug}/install`}
      method="get"
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      data-testid="connect-oauth-form"
    >
      <input type="hidden" name="workspace" value={slug} />
      {field && checked?.account && <input type="hidden" name={field.name} value={checked.account} />}
      {field && (
        <Field label={field.label} hint={field.hint} error={error} className="flex-1">
          <Input
            placeholder={field.placeholder}
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            data-testid="connect-account"
          />
        </Field>
      )}
      {!field && error && <p className="text-sm font-medium text-destructive" role="alert">{error}</p>}
      <Button type="submit" loading={pending} data-testid="connect-submit">
        {submitLabel}
      </Button>
    </form>
  );
}
