import { Button, Heading, Link, Text } from "@react-email/components";
import { formatEmailTime } from "./email-time";
import { JobAlertFooter, JobFacts, jobSubjectName, type JobAlertConnection } from "./job-alert-parts";
import { EmailLayout, emailStyles } from "./layout";

export type JobRecoveredEmailProps = {
  workspaceName: string;
  jobLabel: string;
  connection: JobAlertConnection | null;
  /** ISO timestamp of the successful run. */
  recoveredAt: string;
  /** The workspace's zone, the one its times are shown in. */
  timeZone: string;
  /** Failures after the last failure email that no email mentioned. */
  unreportedFailures: number;
  runUrl: string;
  settingsUrl: string;
};

export function jobRecoveredSubject(props: Pick<JobRecoveredEmailProps, "workspaceName" | "jobLabel" | "connection">): string {
  return `[${props.workspaceName}] ${jobSubjectName(props)} recovered`;
}

export default function JobRecoveredEmail(props: JobRecoveredEmailProps) {
  const { workspaceName, jobLabel, connection, recoveredAt, timeZone, unreportedFailures, runUrl, settingsUrl } = props;
  return (
    <EmailLayout
      preview={`${jobSubjectName(props)} is running again`}
      footer={<JobAlertFooter workspaceName={workspaceName} settingsUrl={settingsUrl} />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        {jobSubjectName(props)} recovered
      </Heading>
      <Text style={emailStyles.text}>
        The job we emailed you about in <strong>{workspaceName}</strong> has succeeded again.
      </Text>
      <JobFacts
        rows={[
          ["Job", jobLabel],
          ...(connection ? [["Connection", `${connection.name} (${connection.providerLabel})`] as [string, string]] : []),
          ["Succeeded at", formatEmailTime(recoveredAt, timeZone)],
        ]}
      />
      {unreportedFailures > 0 && (
        <Text style={{ ...emailStyles.text, marginTop: "12px" }}>
          It failed {unreportedFailures === 1 ? "once more" : `${unreportedFailures} more times`} after the last email
          before recovering.
        </Text>
      )}
      <Button href={runUrl} style={{ ...emailStyles.button, marginTop: "12px" }}>
        View the run
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>If the button does not work, paste this address into your browser:</Text>
      <Link href={runUrl} style={emailStyles.link}>
        {runUrl}
      </Link>
    </EmailLayout>
  );
}
