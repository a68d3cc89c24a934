import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

export type ReconcileCounts = { payouts: number; written: number; unmatchedDepositsAdded: number; unmatchedDepositsRemoved: number };

/** Decimal text with at least two places ("95.10", "0.0125"): what a breakdown part holds. */
const moneyText = (value: Prisma.Sql) => Prisma.sql`(CASE WHEN scale(trim_scale(${value})) <= 2 THEN round(${value}, 2)::text ELSE trim_scale(${value})::text END)`;

// How shipping and taxes are split out of a charge: from the order's totals, in proportion to the
// charged amount (an order paid in two charges gives each its share), each rounded to the cent;
// what remains of the charge is gross sales, so rounding always lands in grossSales and the parts
// of a charge add up to it exactly. Shipping is what the order's total holds beyond its subtotal
// and taxes (never below zero: with tax-inclusive prices the subtotal already holds the taxes, and
// shipping then stays inside gross sales). A charge whose order is not synced (or deleted) is all
// gross sales. Fees are every transaction's fee, negative; refunds, adjustments (disputes,
// chargebacks) and reserved funds are the transactions' amounts; any other type is "other".
const KIND = Prisma.sql`(CASE
  WHEN b.type = 'CHARGE' THEN 'charge'
  WHEN b.type IN ('REFUND', 'REFUND_FAILURE') THEN 'refunds'
  WHEN b.type LIKE 'RESERVED_FUNDS%' THEN 'reservedFunds'
  WHEN b.type = 'ADJUSTMENT' OR b.type LIKE '%DISPUTE%' OR b.type LIKE '%CHARGEBACK%' THEN 'adjustments'
  ELSE 'other' END)`;

/**
 * Reconciles one setup's payouts with its bank account, set-based: each payout's deposit (or
 * candidates) and its expected accounting in one statement, the account's unclaimed payout-like
 * deposits in a second. A payout whose result did not change is not written (computedAt is when
 * its result last changed). Answers null when the setup is gone.
 */
export async function reconcileSetup(setupId: string, now = new Date()): Promise<ReconcileCounts | null> {
  const setup = await db.payoutReconciliationSetup.findUnique({ where: { id: setupId } });
  if (!setup) return null;
  const { workspaceId, storeConnectionId: store, accountingConnectionId: books, bankAccountExternalId: account, dateWindowDays: window } = setup;
  const pattern = setup.depositDescription.toLowerCase();

  // Payouts of the store; the account's payout-like deposits (the description pattern).
  const payouts = Prisma.sql`
    SELECT p.id, p."externalId", p.net, p.currency, (p."issuedAt" AT TIME ZONE 'UTC')::date AS issued_on
    FROM "Payout" p WHERE p."workspaceId" = ${workspaceId} AND p."connectionId" = ${store}`;
  const deposits = Prisma.sql`
    SELECT t.id, t.amount, t."datedOn" AS dated_on
    FROM "BankTransaction" t
    WHERE t."workspaceId" = ${workspaceId} AND t."connectionId" = ${books} AND t."bankAccountExternalId" = ${account}
      AND strpos(coalesce(t."descriptionLower", ''), ${pattern}) > 0`;

  return db.$transaction(async (tx) => {
    // Every join here is set against set. Right after a sync the tables' statistics lag far behind
    // (a fresh table says one row), and the planner then nests loops that rescan a whole side per
    // row: 12 s for 150 payouts instead of 10 ms. Hash joins are right at every size.
    await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
    const [result] = await tx.$queryRaw<{ payouts: number; written: number }[]>`
      WITH acct AS (
        SELECT currency FROM "BankAccount" WHERE "workspaceId" = ${workspaceId} AND "connectionId" = ${books} AND "externalId" = ${account}
      ),
      p AS (${payouts}),
      d AS (${deposits}),
      -- In the window and in the account's currency: a payout and a deposit that could be each other.
      pairs AS (
        SELECT p.id AS payout_id, d.id AS deposit_id, d.amount - p.net AS diff, d.dated_on - p.issued_on AS days
        FROM p JOIN acct ON acct.currency = p.currency
        JOIN d ON d.dated_on BETWEEN p.issued_on AND p.issued_on + ${window}::int
      ),
      exact AS (SELECT payout_id, deposit_id FROM pairs WHERE diff = 0),
      claims AS (SELECT deposit_id, count(*) AS n FROM exact GROUP BY deposit_id),
      -- A payout's exact candidates; it is matched only when it has one and no other payout claims it.
      exact_of AS (
        SELECT e.payout_id, array_agg(e.deposit_id ORDER BY e.deposit_id) AS ids, count(*) = 1 AND bool_and(c.n = 1) AS sole
        FROM exact e JOIN claims c USING (deposit_id) GROUP BY e.payout_id
      ),
      -- Without an exact candidate: the nearest payout-like deposit no payout matches exactly. A
      -- deposit goes to the one payout nearest to it (amount, then days, then id), so two payouts
      -- never differ from the same deposit.
      near AS (
        SELECT pr.*, row_number() OVER (PARTITION BY pr.deposit_id ORDER BY abs(pr.diff), pr.days, pr.payout_id) AS rank_for_deposit
        FROM pairs pr
        WHERE pr.diff <> 0
          AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.deposit_id = pr.deposit_id)
          AND NOT EXISTS (SELECT 1 FROM exact e WHERE e.payout_id = pr.payout_id)
      ),
      nearest AS (
        SELECT DISTINCT ON (payout_id) payout_id, deposit_id, diff FROM near WHERE rank_for_deposit = 1
        ORDER BY payout_id, abs(diff), days, deposit_id
      ),
      settled AS (
        SELECT b."payoutExternalId" AS payout_ext, ${KIND} AS kind, b.amount, b.fee,
          CASE WHEN b.type = 'CHARGE' AND o."totalPrice" > 0 THEN round(coalesce(o."totalTax", 0) * b.amount / o."totalPrice", 2) ELSE 0 END AS taxes,
          CASE WHEN b.type = 'CHARGE' AND o."totalPrice" > 0
            THEN round(greatest(o."totalPrice" - coalesce(o.subtotal, o."totalPrice") - coalesce(o."totalTax", 0), 0) * b.amount / o."totalPrice", 2)
            ELSE 0 END AS shipping
        FROM "PayoutBalanceTransaction" b
        JOIN p ON p."externalId" = b."payoutExternalId" AND p.currency = b.currency
        LEFT JOIN "Order" o ON b.type = 'CHARGE' AND o."workspaceId" = b."workspaceId" AND o."connectionId" = b."connectionId"
          AND o."externalId" = b."orderExternalId" AND o."deletedAt" IS NULL
        WHERE b."workspaceId" = ${workspaceId} AND b."connectionId" = ${store}
      ),
      parts AS (
        SELECT payout_ext,
          coalesce(sum(amount - taxes - shipping) FILTER (WHERE kind = 'charge'), 0) AS gross_sales,
          coalesce(sum(amount) FILTER (WHERE kind = 'refunds'), 0) AS refunds,
          sum(shipping) AS shipping,
          sum(taxes) AS taxes,
          -sum(fee) AS fees,
          coalesce(sum(amount) FILTER (WHERE kind = 'adjustments'), 0) AS adjustments,
          coalesce(sum(amount) FILTER (WHERE kind = 'reservedFunds'), 0) AS reserved_funds,
          coalesce(sum(amount) FILTER (WHERE kind = 'other'), 0) AS other
        FROM settled GROUP BY payout_ext
      ),
      outcome AS (
        SELECT p.id AS payout_id,
          (CASE WHEN x.sole THEN 'MATCHED' WHEN x.ids IS NOT NULL THEN 'AMBIGUOUS' WHEN n.deposit_id IS NOT NULL THEN 'AMOUNT_DIFFERS' ELSE 'UNMATCHED_PAYOUT' END)::"PayoutMatchState" AS state,
          CASE WHEN x.sole THEN x.ids[1] ELSE n.deposit_id END AS bank_transaction_id,
          CASE WHEN x.ids IS NOT NULL AND NOT x.sole THEN x.ids ELSE '{}'::text[] END AS candidate_ids,
          CASE WHEN x.ids IS NULL THEN n.diff END AS amount_difference,
          jsonb_build_object(
            'grossSales', ${moneyText(Prisma.sql`coalesce(s.gross_sales, 0)`)}, 'refunds', ${moneyText(Prisma.sql`coalesce(s.refunds, 0)`)},
            'shipping', ${moneyText(Prisma.sql`coalesce(s.shipping, 0)`)}, 'taxes', ${moneyText(Prisma.sql`coalesce(s.taxes, 0)`)},
            'fees', ${moneyText(Prisma.sql`coalesce(s.fees, 0)`)}, 'adjustments', ${moneyText(Prisma.sql`coalesce(s.adjustments, 0)`)},
            'reservedFunds', ${moneyText(Prisma.sql`coalesce(s.reserved_funds, 0)`)}, 'other', ${moneyText(Prisma.sql`coalesce(s.other, 0)`)}
          ) AS breakdown,
          coalesce(s.gross_sales + s.refunds + s.shipping + s.taxes + s.fees + s.adjustments + s.reserved_funds + s.other, 0) - p.net AS breakdown_difference
        FROM p
        LEFT JOIN exact_of x ON x.payout_id = p.id
        LEFT JOIN nearest n ON n.payout_id = p.id
        LEFT JOIN parts s ON s.payout_ext = p."externalId"
      ),
      written AS (
        INSERT INTO "PayoutReconciliation" AS r (id, "workspaceId", "payoutId", state, "bankTransactionId", "candidateIds", "amountDifference", breakdown, "breakdownDifference", "computedAt")
        SELECT gen_random_uuid()::text, ${workspaceId}, o.payout_id, o.state, o.bank_transaction_id, o.candidate_ids, o.amount_difference, o.breakdown, o.breakdown_difference, ${now}
        FROM outcome o
        ON CONFLICT ("payoutId") DO UPDATE SET
          state = excluded.state, "bankTransactionId" = excluded."bankTransactionId", "candidateIds" = excluded."candidateIds",
          "amountDifference" = excluded."amountDifference", breakdown = excluded.breakdown,
          "breakdownDifference" = excluded."breakdownDifference", "computedAt" = excluded."computedAt"
        WHERE (r.state, r."bankTransactionId", r."candidateIds", r."amountDifference", r.breakdown, r."breakdownDifference")
          IS DISTINCT FROM (excluded.state, excluded."bankTransactionId", excluded."candidateIds", excluded."amountDifference", excluded.breakdown, excluded."breakdownDifference")
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM p)::int AS payouts, (SELECT count(*) FROM written)::int AS written`;

    // Payout-like deposits from the store's first payout on that no payout claims (as its match,
    // a candidate, or the deposit it differs from).
    const [deposit] = await tx.$queryRaw<{ added: number; removed: number }[]>`
      WITH d AS (${deposits}),
      claimed AS (
        SELECT unnest(r."candidateIds" || r."bankTransactionId") AS id
        FROM "PayoutReconciliation" r JOIN "Payout" p ON p.id = r."payoutId"
        WHERE p."workspaceId" = ${workspaceId} AND p."connectionId" = ${store}
      ),
      unclaimed AS (
        SELECT d.id FROM d
        WHERE d.dated_on >= (SELECT min(("issuedAt" AT TIME ZONE 'UTC')::date) FROM "Payout" WHERE "workspaceId" = ${workspaceId} AND "connectionId" = ${store})
          AND NOT EXISTS (SELECT 1 FROM claimed c WHERE c.id = d.id)
      ),
      removed AS (
        DELETE FROM "UnmatchedDeposit" u WHERE u."setupId" = ${setupId} AND NOT EXISTS (SELECT 1 FROM unclaimed c WHERE c.id = u."bankTransactionId")
        RETURNING 1
      ),
      added AS (
        INSERT INTO "UnmatchedDeposit" ("bankTransactionId", "workspaceId", "setupId", "computedAt")
        SELECT id, ${workspaceId}, ${setupId}, ${now} FROM unclaimed
        ON CONFLICT ("bankTransactionId") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM removed)::int AS removed`;

    return { payouts: result!.payouts, written: result!.written, unmatchedDepositsAdded: deposit!.added, unmatchedDepositsRemoved: deposit!.removed };
  });
}
