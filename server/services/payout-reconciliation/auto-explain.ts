import "server-only";
import { db, workspaceDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { explainPayout } from "./explain-payout";

/** At most this many deposits are explained per run (each is a few requests of the provider's allowance); the rest, the next run. */
export const AUTO_EXPLAIN_BATCH = 50;

// With setup.autoExplain: matched payouts whose parts add up, nothing of Meridian's posted for
// them, and their deposit unexplained as last synced (one a person explained is left alone here
// already; explainPayout re-reads it from the provider anyway). Oldest first.
export async function findPayoutsToAutoExplain(setupId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT p.id
    FROM "PayoutReconciliationSetup" s
    JOIN "Payout" p ON p."workspaceId" = s."workspaceId" AND p."connectionId" = s."storeConnectionId"
    JOIN "PayoutReconciliation" r ON r."payoutId" = p.id AND r.state = 'MATCHED' AND r."breakdownDifference" = 0
    JOIN "BankTransaction" t ON t.id = r."bankTransactionId" AND t."unexplainedAmount" = t.amount
    WHERE s.id = ${setupId} AND s."autoExplain"
      AND NOT EXISTS (SELECT 1 FROM "PayoutExplanationPost" e WHERE e."payoutId" = p.id AND e."undoneAt" IS NULL)
    ORDER BY p."issuedAt", p.id
    LIMIT ${AUTO_EXPLAIN_BATCH}`;
  return rows.map((row) => row.id);
}

/** Explains one payout as the system (no person); a refusal (no category mapped, explained by someone) is answered, not thrown. */
export async function autoExplainPayout(workspaceId: string, payoutId: string): Promise<{ posted: number } | { refused: string }> {
  try {
    const { posted } = await explainPayout(workspaceDb(workspaceId), workspaceId, payoutId, { actorId: null, ip: null, userAgent: null });
    return { posted };
  } catch (error) {
    if (isAppError(error) && error.code !== "RATE_LIMITED") return { refused: error.message };
    throw error;
  }
}
