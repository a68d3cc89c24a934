import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { keysetOn } from "@/server/services/pagination";
import { readBreakdown, type Breakdown } from "./breakdown";
import { depositsById, type Deposit } from "./deposits-by-id";
import type { FindPayoutsInput, PayoutMatchState } from "./schema";

export type PayoutListItem = {
  id: string;
  externalId: string;
  connection: { id: string; displayName: string };
  status: string;
  issuedAt: Date;
  net: string;
  currency: string;
  /** Null until the payout's store has a reconciliation setup and it has run. */
  reconciliation: {
    state: PayoutMatchState;
    /** MATCHED: its deposit; AMOUNT_DIFFERS: the deposit it differs from. */
    deposit: Deposit | null;
    candidateCount: number;
    amountDifference: string | null;
    breakdown: Breakdown;
    /** Not "0.00": the parts do not add up to the net. */
    breakdownDifference: string;
    computedAt: Date;
  } | null;
  /** Explanations Meridian has posted for it and not undone. */
  explained: boolean;
};

const byIssuedAt = keysetOn("issuedAt");

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function filters(input: FindPayoutsInput): Prisma.PayoutWhereInput[] {
  return [
    input.storeConnectionId ? { connectionId: input.storeConnectionId } : {},
    input.state ? { reconciliation: { is: { state: input.state } } } : {},
    input.flagged === true ? { reconciliation: { is: { breakdownDifference: { not: 0 } } } } : input.flagged === false ? { reconciliation: { is: { breakdownDifference: 0 } } } : {},
    input.from ? { issuedAt: { gte: dayStart(input.from) } } : {},
    input.to ? { issuedAt: { lt: nextDayStart(input.to) } } : {},
  ];
}

// One page of the workspace's payouts, newest first (keyset on issuedAt desc, id desc: the Payout
// index), each with its reconciliation and deposit.
export async function findPayouts(wdb: WorkspaceDb, input: FindPayoutsInput) {
  // Another workspace's store reads as none at all, like an unknown id.
  if (input.storeConnectionId && !(await wdb.connection.findFirst({ where: { id: input.storeConnectionId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Store connection not found.");
  }
  const rows = await wdb.payout.findMany({
    where: { AND: [...filters(input), input.cursor ? byIssuedAt.after(input.cursor, "desc") : {}] },
    orderBy: byIssuedAt.orderBy("desc"),
    take: input.limit + 1,
    include: { connection: { select: { id: true, displayName: true } }, reconciliation: true },
  });
  const { items: page, nextCursor } = byIssuedAt.toPage(rows, input.limit, (row) => row);
  const [deposits, posted] = await Promise.all([
    depositsById(wdb, page.flatMap((row) => (row.reconciliation?.bankTransactionId ? [row.reconciliation.bankTransactionId] : []))),
    wdb.payoutExplanationPost.findMany({ where: { payoutId: { in: page.map((row) => row.id) }, undoneAt: null }, select: { payoutId: true }, distinct: ["payoutId"] }),
  ]);
  const explained = new Set(posted.map((post) => post.payoutId));
  return {
    items: page.map((row): PayoutListItem => {
      const r = row.reconciliation;
      return {
        id: row.id,
        externalId: row.externalId,
        connection: row.connection,
        status: row.status,
        issuedAt: row.issuedAt,
        net: row.net.toFixed(2),
        currency: row.currency,
        reconciliation: r && {
          state: r.state,
          deposit: r.bankTransactionId ? (deposits.get(r.bankTransactionId) ?? null) : null,
          candidateCount: r.candidateIds.length,
          amountDifference: r.amountDifference?.toFixed(2) ?? null,
          breakdown: readBreakdown(r.breakdown),
          breakdownDifference: r.breakdownDifference.toFixed(2),
          computedAt: r.computedAt,
        },
        explained: explained.has(row.id),
      };
    }),
    nextCursor,
  };
}
