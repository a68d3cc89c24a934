"use client";

import type { ConnectorChoice } from "./connect-choice";
import { CredentialsConnectForm } from "./credentials-connect-form";
import { OAuthConnectForm } from "./oauth-connect-form";

/** A provider's connect form, from how it connects (its connector's `auth.kind`). */
export function ConnectForm({ choice }: { choice: ConnectorChoice }) {
  switch (choice.connect.kind) {
    case "oauth":
      return <OAuthConnectForm choice={{ ...choice, connect: choice.connect }} />;
    case "credentials":
      return <CredentialsConnectForm choice={{ ...choice, connect: choice.connect }} />;
  }
}
