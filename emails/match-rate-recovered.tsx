import { Heading, Text } from "@react-email/components";
import { JobFacts } from "./job-alert-parts";
import { formatEmailDay } from "./email-time";
import { EmailLayout, emailStyles } from "./layout";
import { OpenButton, pairName, ReconciliationFooter, type ReconciledPair } from "./reconciliation-email-parts";

export type MatchRateRecoveredEmailProps = ReconciledPair & {
  workspaceName: string;
  /** The final day back at or above the threshold, and the day that alerted. */
  date: string;
  alertDate: string | null;
  matchRate: string;
  threshold: string;
  pairUrl: string;
  settingsUrl: string;
};

export function matchRateRecoveredSubject(props: Pick<MatchRateRecoveredEmailProps, "workspaceName" | "storeName" | "analyticsName" | "matchRate" | "date">): string {
  return `[${props.workspaceName}] ${pairName(props)}: match rate back to ${props.matchRate} on ${formatEmailDay(props.date)}`;
}

export default function MatchRateRecoveredEmail(props: MatchRateRecoveredEmailProps) {
  const { workspaceName, alertDate, matchRate, threshold, pairUrl, settingsUrl } = props;
  const date = formatEmailDay(props.date);
  return (
    <EmailLayout
      preview={`${pairName(props)} is back at or above ${threshold}`}
      footer={<ReconciliationFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="match rate alerts" setting="match rate alerts" />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Match rate recovered
      </Heading>
      <Text style={emailStyles.text}>
        In <strong>{workspaceName}</strong>, {props.analyticsName} recorded {matchRate} of {props.storeName}&apos;s orders on {date}, back at or above the threshold of {threshold}
        {alertDate ? ` since the alert for ${formatEmailDay(alertDate)}` : ""}.
      </Text>
      <JobFacts
        rows={[
          ["Day", date],
          ["Match rate", matchRate],
        ]}
      />
      <OpenButton href={pairUrl} label="Open the reconciliation" />
    </EmailLayout>
  );
}
