import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { accountingAccess, asAppError } from "./accounting-access";
import { BREAKDOWN_PART_LABEL, type BreakdownPart } from "./breakdown";
import { explanationDescription } from "./explanation-plan";
import { adoptInFlight, livePosts, takeOverStale, undoPost } from "./payout-explanation-posts";
import { refreshStoredTransaction } from "./refresh-stored-transaction";

// Undo: deletes exactly the explanations Meridian posted for the payout (an explanation already
// gone counts as deleted), so the transaction is left as it was before; anything a person added
// stays. A post cut short by a crash is first resolved by reading the transaction back.
export async function undoPayoutExplanation(wdb: WorkspaceDb, payoutId: string, actor: AuditActor): Promise<{ undone: number }> {
  const payout = await wdb.payout.findFirst({ where: { id: payoutId }, select: { externalId: true } });
  if (!payout) throw new AppError("NOT_FOUND", "Payout not found.");
  const live = await livePosts(wdb, payoutId);
  if (live.length === 0) return { undone: 0 };

  const access = await accountingAccess(live[0]!.accountingConnectionId);
  const describe = (post: { part: string }) => explanationDescription(payout.externalId, BREAKDOWN_PART_LABEL[post.part as BreakdownPart] ?? post.part);
  try {
    const inFlight = live.filter((post) => post.explanationExternalId === null);
    for (const transaction of new Set(inFlight.map((post) => post.bankTransactionExternalId))) {
      const remote = await access.accounting.readBankTransaction(access.ctx, transaction);
      const lost = await adoptInFlight(wdb, inFlight.filter((post) => post.bankTransactionExternalId === transaction), remote.explanations ?? [], describe);
      // Never created: nothing to delete once no request is still posting it.
      for (const post of lost) {
        await takeOverStale(wdb, post);
        await undoPost(wdb, post, actor);
      }
    }
    let undone = 0;
    for (const post of live.filter((p) => p.explanationExternalId !== null)) {
      await access.accounting.deleteExplanation(access.ctx, post.explanationExternalId!);
      await undoPost(wdb, post, actor);
      undone++;
    }
    for (const transaction of new Set(live.map((post) => post.bankTransactionExternalId))) await refreshStoredTransaction(access, transaction);
    return { undone };
  } catch (error) {
    throw asAppError(error, access.providerName);
  }
}
