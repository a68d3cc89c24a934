import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type ConnectionNeedsReauthEmailProps = {
  workspaceName: string;
  connectionName: string;
  providerLabel: string;
  /** What the provider said when it refused the credentials. */
  reason: string;
  reconnectUrl: string;
};

export function connectionNeedsReauthSubject(props: Pick<ConnectionNeedsReauthEmailProps, "workspaceName" | "connectionName">): string {
  return `[${props.workspaceName}] ${props.connectionName} needs to be reconnected`;
}

export default function ConnectionNeedsReauthEmail(props: ConnectionNeedsReauthEmailProps) {
  const { workspaceName, connectionName, providerLabel, reason, reconnectUrl } = props;
  return (
    <EmailLayout
      preview={`${connectionName} (${providerLabel}) stopped syncing until it is reconnected`}
      footer={`You receive this as an owner or admin of ${workspaceName}.`}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Reconnect {connectionName}
      </Heading>
      <Text style={emailStyles.text}>
        {providerLabel} no longer accepts Meridian&apos;s access to <strong>{connectionName}</strong> in{" "}
        <strong>{workspaceName}</strong>, so its data has stopped syncing. Reconnecting it takes a minute and keeps all
        data synced so far.
      </Text>
      <Text style={emailStyles.muted}>{providerLabel} said: {reason}</Text>
      <Button href={reconnectUrl} style={{ ...emailStyles.button, marginTop: "12px" }}>
        Reconnect
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>If the button does not work, paste this address into your browser:</Text>
      <Link href={reconnectUrl} style={emailStyles.link}>
        {reconnectUrl}
      </Link>
    </EmailLayout>
  );
}
