import { Button, Heading, Link, Text } from "@react-email/components";
import { formatEmailTime } from "./email-time";
import { JobAlertFooter, JobFacts, jobSubjectName, type JobAlertConnection } from "./job-alert-parts";
import { EmailLayout, emailStyles } from "./layout";

export type JobFailedEmailProps = {
  workspaceName: string;
  /** Human label of the job kind ("Sync", "Retention", ...). */
  jobLabel: string;
  connection: JobAlertConnection | null;
  /** The run's full error message; the email shows its first line. */
  error: string | null;
  /** ISO timestamp of the failure. */
  failedAt: string;
  /** The workspace's zone, the one its times are shown in. */
  timeZone: string;
  /** Failures of the same job since the previous email that no email has mentioned yet. */
  moreFailures: number;
  runUrl: string;
  settingsUrl: string;
};

const ERROR_SUMMARY_MAX = 200;

// Stack traces and provider payloads do not belong in an inbox: the run page has the full text.
export function errorSummary(error: string | null): string {
  const firstLine = error?.split(/\r?\n/).find((line) => line.trim() !== "")?.trim();
  if (!firstLine) return "No error message was recorded.";
  return firstLine.length > ERROR_SUMMARY_MAX ? `${firstLine.slice(0, ERROR_SUMMARY_MAX - 1).trimEnd()}…` : firstLine;
}

export function jobFailedSubject(props: Pick<JobFailedEmailProps, "workspaceName" | "jobLabel" | "connection">): string {
  return `[${props.workspaceName}] ${jobSubjectName(props)} failed`;
}

export default function JobFailedEmail(props: JobFailedEmailProps) {
  const { workspaceName, jobLabel, connection, error, failedAt, timeZone, moreFailures, runUrl, settingsUrl } = props;
  return (
    <EmailLayout
      preview={`${jobSubjectName(props)} failed: ${errorSummary(error)}`}
      footer={<JobAlertFooter workspaceName={workspaceName} settingsUrl={settingsUrl} />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        {jobSubjectName(props)} failed
      </Heading>
      <Text style={emailStyles.text}>
        A background job in <strong>{workspaceName}</strong> failed after all its retries.
      </Text>
      <JobFacts
        rows={[
          ["Job", jobLabel],
          ...(connection ? [["Connection", `${connection.name} (${connection.providerLabel})`] as [string, string]] : []),
          ["Failed at", formatEmailTime(failedAt, timeZone)],
          ["Error", errorSummary(error)],
        ]}
      />
      {moreFailures > 0 && (
        <Text style={{ ...emailStyles.text, marginTop: "12px" }}>
          {moreFailures === 1 ? "1 more failure" : `${moreFailures} more failures`} since the last email.
        </Text>
      )}
      <Button href={runUrl} style={{ ...emailStyles.button, marginTop: "12px" }}>
        View the run
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>
        You get at most one email an hour for this job; failures in between are counted into the next one. If the
        button does not work, paste this address into your browser:
      </Text>
      <Link href={runUrl} style={emailStyles.link}>
        {runUrl}
      </Link>
    </EmailLayout>
  );
}
