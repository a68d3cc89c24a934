import { Heading, Link, Section, Text } from "@react-email/components";
import { formatEmailDay } from "./email-time";
import { EmailLayout, emailStyles } from "./layout";
import { OpenButton, pairName, ReconciliationFooter, type ReconciledPair } from "./reconciliation-email-parts";

export type WeeklyWorstDay = { date: string; matchRate: string; url: string };

/** One pair's week: percentages as shown ("91.2%", null without orders), values formatted with their currency. */
export type WeeklyPair = ReconciledPair & {
  matchRate: string | null;
  previousMatchRate: string | null;
  storeOrders: number;
  missingCount: number;
  missingValues: string[];
  worstDays: WeeklyWorstDay[];
  url: string;
};

export type ReconciliationWeeklySummaryEmailProps = {
  workspaceName: string;
  /** The week summarised, first and last day. */
  weekStart: string;
  weekEnd: string;
  pairs: WeeklyPair[];
  reconciliationUrl: string;
  settingsUrl: string;
};

export function reconciliationWeeklySummarySubject({ workspaceName, weekStart }: Pick<ReconciliationWeeklySummaryEmailProps, "workspaceName" | "weekStart">): string {
  return `[${workspaceName}] Analytics match rates for the week of ${formatEmailDay(weekStart)}`;
}

const factStyle = { ...emailStyles.text, margin: "0 0 2px" };

function rateLine(pair: WeeklyPair): string {
  const now = pair.matchRate ?? "no orders";
  return pair.previousMatchRate ? `${now} (the week before: ${pair.previousMatchRate})` : `${now} (no orders the week before)`;
}

export default function ReconciliationWeeklySummaryEmail(props: ReconciliationWeeklySummaryEmailProps) {
  const { workspaceName, pairs, reconciliationUrl, settingsUrl } = props;
  const [weekStart, weekEnd] = [formatEmailDay(props.weekStart), formatEmailDay(props.weekEnd)];
  return (
    <EmailLayout
      preview={`How much of your stores' sales analytics recorded, ${weekStart} to ${weekEnd}`}
      footer={<ReconciliationFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="the weekly reconciliation summary" setting="the weekly reconciliation summary" />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Your week in analytics
      </Heading>
      <Text style={emailStyles.text}>
        In <strong>{workspaceName}</strong>, from {weekStart} to {weekEnd}: the share of each store&apos;s orders its analytics property recorded.
      </Text>
      {pairs.map((pair) => (
        <Section key={pair.url} style={{ borderTop: "1px solid #e5e7eb", padding: "10px 0 8px" }}>
          <Text style={{ ...factStyle, fontWeight: 600 }}>
            <Link href={pair.url} style={{ color: "#2563eb" }}>
              {pairName(pair)}
            </Link>
          </Text>
          <Text style={factStyle}>Match rate: {rateLine(pair)}</Text>
          <Text style={factStyle}>
            Missing in analytics: {pair.missingCount} of {pair.storeOrders} orders{pair.missingValues.length > 0 ? `, worth ${pair.missingValues.join(" + ")}` : ""}
          </Text>
          {pair.worstDays.length > 0 && (
            <Text style={factStyle}>
              Worst days:{" "}
              {pair.worstDays.map((day, index) => (
                <span key={day.date}>
                  {index > 0 && ", "}
                  <Link href={day.url} style={{ color: "#2563eb" }}>
                    {formatEmailDay(day.date)}
                  </Link>{" "}
                  ({day.matchRate})
                </span>
              ))}
            </Text>
          )}
        </Section>
      ))}
      <OpenButton href={reconciliationUrl} label="Open Reconciliation" />
    </EmailLayout>
  );
}
