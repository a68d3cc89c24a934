import { Link, Text } from "@react-email/components";
import { emailStyles } from "./layout";

// Pieces shared by the alert emails (job failed / recovered, shipment alerts).

export type JobAlertConnection = { name: string; providerLabel: string };

export function jobSubjectName({ jobLabel, connection }: { jobLabel: string; connection: JobAlertConnection | null }): string {
  return connection ? `${jobLabel} for ${connection.name}` : jobLabel;
}

export function JobFacts({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ ...emailStyles.text, margin: "0 0 4px" }}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </>
  );
}

// Why the reader gets an alert, and the link to turn it off (`setting` names the switch there).
export function AlertFooter(props: { workspaceName: string; settingsUrl: string; alerts: string; setting: string }) {
  return (
    <>
      You receive {props.alerts} as an owner or admin of {props.workspaceName}. To stop them,{" "}
      <Link href={props.settingsUrl} style={{ color: "#6b7280", textDecoration: "underline" }}>
        turn off {props.setting} in your notification settings
      </Link>
      .
    </>
  );
}

export function JobAlertFooter({ workspaceName, settingsUrl }: { workspaceName: string; settingsUrl: string }) {
  return <AlertFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="job alerts" setting="job failure emails" />;
}
