import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { readBreakdown } from "./breakdown";
import { depositsById } from "./deposits-by-id";
import { explanationPlan, type PlannedExplanation } from "./explanation-plan";

/** A balance transaction the payout settles, with the synced order it belongs to (for its link). */
export type SettledTransaction = {
  externalId: string;
  type: string;
  amount: string;
  fee: string;
  net: string;
  transactionDate: Date;
  order: { id: string | null; externalId: string; name: string | null } | null;
  adjustmentReason: string | null;
};

export type PostedExplanation = { part: string; grossValue: string; categoryExternalId: string; explanationExternalId: string | null; postedAt: Date | null; postedByUserId: string | null };

// One payout with everything its page shows: its reconciliation, its deposit and every candidate,
// the balance transactions (and so the orders and refunds) it settles, and the explanation:
// what Meridian posted (not undone), or else what it would post with the setup's categories.
export async function getPayoutById(wdb: WorkspaceDb, payoutId: string) {
  const payout = await wdb.payout.findFirst({ where: { id: payoutId }, include: { connection: { select: { id: true, displayName: true } }, reconciliation: true } });
  if (!payout) throw new AppError("NOT_FOUND", "Payout not found.");
  const r = payout.reconciliation;
  const [deposits, settled, posts, setup] = await Promise.all([
    depositsById(wdb, r ? [...(r.bankTransactionId ? [r.bankTransactionId] : []), ...r.candidateIds] : []),
    wdb.payoutBalanceTransaction.findMany({
      where: { connectionId: payout.connectionId, payoutExternalId: payout.externalId },
      orderBy: [{ transactionDate: "asc" }, { id: "asc" }],
    }),
    wdb.payoutExplanationPost.findMany({ where: { payoutId, undoneAt: null }, orderBy: { createdAt: "asc" } }),
    wdb.payoutReconciliationSetup.findFirst({ where: { storeConnectionId: payout.connectionId }, select: { id: true, categoryMap: true } }),
  ]);
  const orderIds = [...new Set(settled.flatMap((t) => (t.orderExternalId ? [t.orderExternalId] : [])))];
  const orders = orderIds.length
    ? await wdb.order.findMany({ where: { connectionId: payout.connectionId, externalId: { in: orderIds }, deletedAt: null }, select: { id: true, externalId: true } })
    : [];
  const orderOf = new Map(orders.map((o) => [o.externalId, o.id]));

  const proposed: PlannedExplanation[] | null = r?.state === "MATCHED" && posts.length === 0 && setup ? explanationPlan(r.breakdown, setup.categoryMap) : null;
  return {
    id: payout.id,
    externalId: payout.externalId,
    connection: payout.connection,
    status: payout.status,
    transactionType: payout.transactionType,
    issuedAt: payout.issuedAt,
    net: payout.net.toFixed(2),
    gross: payout.gross?.toFixed(2) ?? null,
    currency: payout.currency,
    setupId: setup?.id ?? null,
    reconciliation: r && {
      state: r.state,
      deposit: r.bankTransactionId ? (deposits.get(r.bankTransactionId) ?? null) : null,
      candidates: r.candidateIds.flatMap((id) => deposits.get(id) ?? []),
      amountDifference: r.amountDifference?.toFixed(2) ?? null,
      breakdown: readBreakdown(r.breakdown),
      breakdownDifference: r.breakdownDifference.toFixed(2),
      computedAt: r.computedAt,
    },
    settled: settled.map((t): SettledTransaction => ({
      externalId: t.externalId,
      type: t.type,
      amount: t.amount.toFixed(2),
      fee: t.fee.toFixed(2),
      net: t.net.toFixed(2),
      transactionDate: t.transactionDate,
      order: t.orderExternalId ? { id: orderOf.get(t.orderExternalId) ?? null, externalId: t.orderExternalId, name: t.orderName } : null,
      adjustmentReason: t.adjustmentReason,
    })),
    explanation: {
      posted: posts.map((p): PostedExplanation => ({ part: p.part, grossValue: p.grossValue.toFixed(2), categoryExternalId: p.categoryExternalId, explanationExternalId: p.explanationExternalId, postedAt: p.postedAt, postedByUserId: p.postedByUserId })),
      /** While nothing is posted and the deposit is matched: what Explain would post (a null category blocks it). */
      proposed,
    },
  };
}
export type PayoutDetail = Awaited<ReturnType<typeof getPayoutById>>;
