"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";
import { Time } from "@/components/ui/time";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { MatchStateBadge } from "./match-state-badge";
import { PayoutBreakdown } from "./payout-breakdown";
import { PayoutExplanation } from "./payout-explanation";
import { MATCH_STATE, NOT_RECONCILED } from "./payout-labels";
import { useFormat } from "@/components/ui/formats";

type PayoutDetail = inferRouterOutputs<AppRouter>["payouts"]["get"];
type Deposit = NonNullable<NonNullable<PayoutDetail["reconciliation"]>["deposit"]>;

const linkClass = "font-medium underline-offset-4 hover:underline rounded-sm focus-visible:outline-2 focus-visible:outline-ring";

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

// One payout: its state in words, its deposit (or every candidate), its breakdown, the explanation
// Meridian posted or would post, and the orders and refunds it settles. Loaded by the page (so an
// unknown id is a real 404) and kept fresh here.
export function PayoutDetailView({ payoutId, initialData }: { payoutId: string; initialData: PayoutDetail }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const { data: payout } = useQuery({ ...trpc.payouts.get.queryOptions({ workspaceSlug: slug, payoutId }), initialData });
  const r = payout.reconciliation;
  const money = (amount: string | null) => format.money(amount, payout.currency);

  return (
    <div className="grid gap-6" data-testid="payout-detail">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Amount" testId="payout-net">
          {money(payout.net)}
        </Fact>
        <Fact label="Issued">
          <Time value={payout.issuedAt} date />
        </Fact>
        <Fact label="Status">{payout.status}</Fact>
        <Fact label="Gross">{money(payout.gross)}</Fact>
      </dl>

      <Section title="Reconciliation" testId="payout-reconciliation">
        <div className="grid gap-4">
          <div className="flex flex-wrap items-center gap-2">
            <MatchStateBadge state={r?.state ?? null} />
            {r && (
              <span className="text-xs text-muted-foreground">
                Checked <DateTimeOrDash value={r.computedAt} />
              </span>
            )}
          </div>
          <p className="text-sm" data-testid="payout-state-meaning">
            {(r ? MATCH_STATE[r.state] : NOT_RECONCILED).meaning}
            {r?.state === "AMOUNT_DIFFERS" && r.amountDifference && ` The deposit differs from the payout by ${money(r.amountDifference)}.`}
          </p>
          {r?.deposit && <DepositTable deposits={[r.deposit]} currency={payout.currency} caption={r.state === "MATCHED" ? "The matched deposit" : "The nearest deposit"} testId="payout-deposit" />}
          {r?.state === "AMBIGUOUS" && (
            <DepositTable deposits={r.candidates} currency={payout.currency} caption="Every deposit that could be this payout (none is picked)" testId="payout-candidates" />
          )}
        </div>
      </Section>

      <Section title="Breakdown" testId="payout-breakdown-card">
        {r ? (
          <PayoutBreakdown breakdown={r.breakdown} difference={r.breakdownDifference} net={payout.net} currency={payout.currency} />
        ) : (
          <p className="text-sm text-muted-foreground">The breakdown is computed when the payout is reconciled.</p>
        )}
      </Section>

      <Section title="Explanation in the accounting system" testId="payout-explanation-card">
        <PayoutExplanation payout={payout} />
      </Section>

      <Section title="Orders and refunds it settles" testId="payout-settled">
        {payout.settled.length === 0 ? (
          <EmptyState title="No balance transactions synced for this payout" description="They appear after the next sync of its store." />
        ) : (
          <Table>
            <TableCaption>Balance transactions of this payout, oldest first</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Date</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Order</TableHead>
                <TableHead className="text-right">Amount</TableHead>
                <TableHead className="text-right">Fee</TableHead>
                <TableHead className="text-right">Net</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {payout.settled.map((t) => (
                <TableRow key={t.externalId} data-testid="payout-settled-row">
                  <TableCell className="whitespace-nowrap">
                    <Time value={t.transactionDate} date />
                  </TableCell>
                  <TableCell>
                    {t.type}
                    {t.adjustmentReason && <div className="text-xs text-muted-foreground">{t.adjustmentReason}</div>}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {t.order?.id ? (
                      <Link href={`/w/${slug}/orders/${t.order.id}`} className={linkClass} data-testid="payout-order-link">
                        {t.order.name ?? t.order.externalId}
                      </Link>
                    ) : t.order ? (
                      <span title="Not synced into this workspace">{t.order.name ?? t.order.externalId}</span>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(t.amount)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(t.fee)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(t.net)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </div>
  );
}

function DepositTable({ deposits, currency, caption, testId }: { deposits: Deposit[]; currency: string; caption: string; testId: string }) {
  const format = useFormat();
  return (
    <Table data-testid={testId}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Description</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead className="text-right">Unexplained</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deposits.map((deposit) => (
          <TableRow key={deposit.id} data-testid="payout-deposit-row">
            <TableCell className="whitespace-nowrap">{format.day(deposit.datedOn)}</TableCell>
            <TableCell className="break-words">{deposit.description ?? <span className="text-muted-foreground">No description</span>}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(deposit.amount, currency)}</TableCell>
            <TableCell className="text-right tabular-nums">{format.money(deposit.unexplainedAmount, currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
