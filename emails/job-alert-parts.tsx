import { Link, Text } from "@react-email/components";
import { emailStyles } from "./layout";

// Pieces shared by the job failed / recovered emails.

export type JobAlertConnection = { name: string; providerLabel: string };

export function jobSubjectName({ jobLabel, connection }: { jobLabel: string; connection: JobAlertConnection | null }): string {
  return connection ? `${jobLabel} for ${connection.name}` : jobLabel;
}

// Recipients are spread over time zones and the app shows UTC in run details, so one explicit zone.
const whenFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatWhen(iso: string): string {
  return `${whenFormat.format(new Date(iso))} UTC`;
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

export function JobAlertFooter({ workspaceName, settingsUrl }: { workspaceName: string; settingsUrl: string }) {
  return (
    <>
      You receive job alerts as an owner or admin of {workspaceName}. To stop them,{" "}
      <Link href={settingsUrl} style={{ color: "#6b7280", textDecoration: "underline" }}>
        turn off job failure emails in your notification settings
      </Link>
      .
    </>
  );
}
