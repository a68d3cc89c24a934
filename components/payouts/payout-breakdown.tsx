import { Alert } from "@/components/ui/alert";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { BREAKDOWN_PART_LABEL, BREAKDOWN_PARTS, type Breakdown, type BreakdownPart } from "@/server/services/payout-reconciliation/schema";
import { isNonZero } from "./payout-labels";
import { useFormat } from "@/components/ui/formats";

// Parts most payouts do not have: listed only when they hold money.
const OCCASIONAL = new Set<BreakdownPart>(["reservedFunds", "other"]);

// A payout's expected accounting: each part, what they add up to against the payout's amount, and
// the difference flagged when there is one.
export function PayoutBreakdown({ breakdown, difference, net, currency }: { breakdown: Breakdown; difference: string; net: string; currency: string }) {
  const format = useFormat();
  const money = (amount: string) => format.money(amount, currency);
  const flagged = isNonZero(difference);
  return (
    <div className="grid gap-3">
      {flagged && (
        <div className="grid gap-1">
          <Alert variant="warning" title={`The parts do not add up: their sum differs from the payout's amount by ${money(difference)}.`} data-testid="payout-breakdown-difference" />
          <p className="text-sm text-muted-foreground">A balance transaction or an order the payout settles may not be synced yet.</p>
        </div>
      )}
      <Table data-testid="payout-breakdown">
        <TableCaption>What the payout is made of</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Part</TableHead>
            <TableHead className="text-right">Amount</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {BREAKDOWN_PARTS.filter((part) => !OCCASIONAL.has(part) || isNonZero(breakdown[part])).map((part) => (
            <TableRow key={part} data-testid="payout-breakdown-part" data-part={part}>
              <TableCell>{BREAKDOWN_PART_LABEL[part]}</TableCell>
              <TableCell className="text-right tabular-nums">{money(breakdown[part])}</TableCell>
            </TableRow>
          ))}
          <TableRow className="font-semibold">
            <TableCell>Payout amount</TableCell>
            <TableCell className="text-right tabular-nums" data-testid="payout-breakdown-net">
              {money(net)}
            </TableCell>
          </TableRow>
          {!flagged && (
            <TableRow>
              <TableCell colSpan={2} className="text-sm text-muted-foreground" data-testid="payout-breakdown-adds-up">
                The parts add up to the payout&apos;s amount.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
