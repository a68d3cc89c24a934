import { Button, Link, Text } from "@react-email/components";
import { emailStyles } from "./layout";

// Pieces shared by the reconciliation emails (match-rate alert, recovery, weekly summary).

/** A pair as the emails name it: the store and the analytics property it is checked against. */
export type ReconciledPair = { storeName: string; analyticsName: string };

export const pairName = (pair: ReconciledPair) => `${pair.storeName} in ${pair.analyticsName}`;

// Any member may opt in (these are off by default), so the reason is the switch, not a role.
export function ReconciliationFooter({ workspaceName, settingsUrl, alerts, setting }: { workspaceName: string; settingsUrl: string; alerts: string; setting: string }) {
  return (
    <>
      You receive {alerts} because you turned them on for {workspaceName}. To stop them,{" "}
      <Link href={settingsUrl} style={{ color: "#6b7280", textDecoration: "underline" }}>
        turn off {setting} in your notification settings
      </Link>
      .
    </>
  );
}

export function OpenButton({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Button href={href} style={{ ...emailStyles.button, marginTop: "12px" }}>
        {label}
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>If the button does not work, paste this address into your browser:</Text>
      <Link href={href} style={emailStyles.link}>
        {href}
      </Link>
    </>
  );
}
