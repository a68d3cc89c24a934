import { Heading, Text } from "@react-email/components";
import { formatEmailDay } from "./email-time";
import { JobFacts } from "./job-alert-parts";
import { EmailLayout, emailStyles } from "./layout";
import { OpenButton, pairName, ReconciliationFooter, type ReconciledPair } from "./reconciliation-email-parts";

export type MatchRateAlertEmailProps = ReconciledPair & {
  workspaceName: string;
  /** The final day below the threshold ("YYYY-MM-DD", in the property's time zone). */
  date: string;
  /** Percentages as shown ("82.5%"). */
  matchRate: string;
  threshold: string;
  storeOrders: number;
  missingCount: number;
  /** Formatted with its currency ("59.90 GBP"). */
  missingValue: string;
  dayUrl: string;
  settingsUrl: string;
};

export function matchRateAlertSubject(props: Pick<MatchRateAlertEmailProps, "workspaceName" | "storeName" | "analyticsName" | "matchRate" | "threshold" | "date">): string {
  return `[${props.workspaceName}] ${pairName(props)}: match rate ${props.matchRate} on ${formatEmailDay(props.date)}, below ${props.threshold}`;
}

export default function MatchRateAlertEmail(props: MatchRateAlertEmailProps) {
  const { workspaceName, matchRate, threshold, storeOrders, missingCount, missingValue, dayUrl, settingsUrl } = props;
  const date = formatEmailDay(props.date);
  return (
    <EmailLayout
      preview={`${pairName(props)} recorded ${matchRate} of the store's orders on ${date}`}
      footer={<ReconciliationFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="match rate alerts" setting="match rate alerts" />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Match rate below {threshold}
      </Heading>
      <Text style={emailStyles.text}>
        In <strong>{workspaceName}</strong>, {props.analyticsName} recorded {matchRate} of {props.storeName}&apos;s orders on {date}, the latest day whose figures are final. We will not
        email again about this store until a later day is back at or above {threshold}.
      </Text>
      <JobFacts
        rows={[
          ["Day", date],
          ["Match rate", matchRate],
          ["Store orders", String(storeOrders)],
          ["Missing in analytics", `${missingCount} (${missingValue})`],
        ]}
      />
      <OpenButton href={dayUrl} label="See the missing orders" />
    </EmailLayout>
  );
}
