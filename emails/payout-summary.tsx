import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { formatEmailDate, formatEmailDay } from "./email-time";
import { AlertFooter } from "./job-alert-parts";
import { EmailLayout, emailStyles } from "./layout";

/** A payout that stays unreconciled; money as decimal strings, issuedAt an ISO instant. */
export type SummaryPayout = { externalId: string; issuedAt: string; net: string; currency: string; state: "UNMATCHED_PAYOUT" | "AMBIGUOUS" | "AMOUNT_DIFFERS"; amountDifference: string | null; candidates: number; url: string };
/** datedOn: the bank's date (YYYY-MM-DD). */
export type SummaryDeposit = { datedOn: string; amount: string; description: string | null };

export type PayoutSummaryEmailProps = {
  workspaceName: string;
  /** The workspace's zone: a payout is shown on its day there. */
  timeZone: string;
  counts: { unmatchedPayouts: number; ambiguous: number; amountDiffers: number; unmatchedDeposits: number };
  /** The first ones of each kind, oldest first; the counts say how many there are. */
  payouts: SummaryPayout[];
  deposits: SummaryDeposit[];
  payoutsUrl: string;
  settingsUrl: string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function payoutSummarySubject({ workspaceName, counts }: Pick<PayoutSummaryEmailProps, "workspaceName" | "counts">): string {
  const open = counts.unmatchedPayouts + counts.ambiguous + counts.amountDiffers;
  return `[${workspaceName}] ${plural(open, "payout", "payouts")} and ${plural(counts.unmatchedDeposits, "deposit", "deposits")} to reconcile`;
}

function payoutLine(p: SummaryPayout): string {
  if (p.state === "AMBIGUOUS") return `${plural(p.candidates, "deposit matches", "deposits match")}: choose one`;
  if (p.state === "AMOUNT_DIFFERS") return `the nearest deposit differs by ${p.amountDifference} ${p.currency}`;
  return "no deposit found";
}

const factStyle = { ...emailStyles.text, margin: "0 0 2px" };

export default function PayoutSummaryEmail(props: PayoutSummaryEmailProps) {
  const { workspaceName, timeZone, counts, payouts, deposits, payoutsUrl, settingsUrl } = props;
  return (
    <EmailLayout
      preview={payoutSummarySubject(props).replace(`[${workspaceName}] `, "")}
      footer={<AlertFooter workspaceName={workspaceName} settingsUrl={settingsUrl} alerts="the daily payout summary" setting="daily payout summary emails" />}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Payouts to reconcile
      </Heading>
      <Text style={emailStyles.text}>
        In <strong>{workspaceName}</strong>: {plural(counts.unmatchedPayouts, "payout", "payouts")} without a deposit, {counts.ambiguous} with several matching deposits, {counts.amountDiffers} whose deposit differs
        in amount, and {plural(counts.unmatchedDeposits, "deposit", "deposits")} no payout explains.
      </Text>
      {payouts.map((p) => (
        <Section key={p.externalId} style={{ borderTop: "1px solid #e5e7eb", padding: "10px 0 8px" }}>
          <Text style={{ ...factStyle, fontWeight: 600 }}>
            <Link href={p.url} style={{ color: "#2563eb" }}>
              Payout {p.externalId}
            </Link>
            {` — ${p.net} ${p.currency}, issued ${formatEmailDate(p.issuedAt, timeZone)}`}
          </Text>
          <Text style={factStyle}>{payoutLine(p)}</Text>
        </Section>
      ))}
      {deposits.map((d) => (
        <Section key={`${d.datedOn}/${d.amount}/${d.description}`} style={{ borderTop: "1px solid #e5e7eb", padding: "10px 0 8px" }}>
          <Text style={factStyle}>
            Deposit of {d.amount} on {formatEmailDay(d.datedOn)}
            {d.description ? ` (${d.description})` : ""}: no payout matches it
          </Text>
        </Section>
      ))}
      <Button href={payoutsUrl} style={{ ...emailStyles.button, marginTop: "12px" }}>
        Open Payouts
      </Button>
      <Text style={{ ...emailStyles.muted, marginTop: "24px" }}>If the button does not work, paste this address into your browser:</Text>
      <Link href={payoutsUrl} style={emailStyles.link}>
        {payoutsUrl}
      </Link>
    </EmailLayout>
  );
}
