import "server-only";
import { randomUUID } from "node:crypto";
import { db, type WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma, type PayoutExplanationPost } from "@/server/generated/prisma/client";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { accountingAccess, asAppError, type AccountingAccess } from "./accounting-access";
import { BREAKDOWN_PART_LABEL, type BreakdownPart } from "./breakdown";
import { explanationDescription, inPostingOrder, postablePlan } from "./explanation-plan";
import { adoptInFlight, busy, completePost, livePosts, takeOverStale } from "./payout-explanation-posts";
import { refreshStoredTransaction } from "./refresh-stored-transaction";

export type ExplainResult = { posted: number; explanations: { part: string; grossValue: string; explanationExternalId: string }[] };

/** A matched payout, its deposit and its setup; refused with the reason when it cannot be explained. */
async function matchedDeposit(wdb: WorkspaceDb, payoutId: string) {
  const payout = await wdb.payout.findFirst({ where: { id: payoutId }, include: { reconciliation: true } });
  if (!payout) throw new AppError("NOT_FOUND", "Payout not found.");
  const r = payout.reconciliation;
  if (!r || r.state !== "MATCHED" || !r.bankTransactionId) throw new AppError("CONFLICT", `Only a payout matched to one deposit can be explained (this one is ${r ? r.state.toLowerCase().replace("_", " ") : "not reconciled yet"}).`);
  if (!r.breakdownDifference.isZero()) throw new AppError("UNPROCESSABLE", `The payout's parts do not add up to its net (they differ by ${r.breakdownDifference.toFixed(2)}): nothing can be explained until they do.`);
  const [setup, deposit] = await Promise.all([
    wdb.payoutReconciliationSetup.findFirst({ where: { storeConnectionId: payout.connectionId } }),
    wdb.bankTransaction.findFirst({ where: { id: r.bankTransactionId } }),
  ]);
  if (!setup || !deposit) throw new AppError("CONFLICT", "The payout's reconciliation setup or deposit is gone: reconcile again.");
  return { payout, r, setup, deposit };
}

/** Inserts the post rows of these parts (or revives undone ones); answers the rows this call now owns. */
async function claimParts(workspaceId: string, payoutId: string, accountingConnectionId: string, bankTransactionExternalId: string, lines: { part: string; grossValue: string; categoryExternalId: string }[]) {
  if (lines.length === 0) return [];
  return db.$queryRaw<PayoutExplanationPost[]>`
    INSERT INTO "PayoutExplanationPost" AS p (id, "workspaceId", "payoutId", "accountingConnectionId", "bankTransactionExternalId", part, "grossValue", "categoryExternalId", "createdAt", "updatedAt")
    SELECT ${randomUUID()} || '-' || x.part, ${workspaceId}, ${payoutId}, ${accountingConnectionId}, ${bankTransactionExternalId}, x.part, x.gross::numeric, x.category, now(), now()
    FROM unnest(${lines.map((l) => l.part)}::text[], ${lines.map((l) => l.grossValue)}::text[], ${lines.map((l) => l.categoryExternalId)}::text[]) AS x(part, gross, category)
    ON CONFLICT ("payoutId", part, "bankTransactionExternalId") DO UPDATE SET
      "grossValue" = excluded."grossValue", "categoryExternalId" = excluded."categoryExternalId", "accountingConnectionId" = excluded."accountingConnectionId",
      "explanationExternalId" = NULL, "postedAt" = NULL, "postedByUserId" = NULL, "undoneAt" = NULL, "updatedAt" = now()
    WHERE p."undoneAt" IS NOT NULL
    RETURNING *`;
}

// Explain in the accounting system: one explanation per part of a matched payout's deposit, each
// with its own sign, in the categories the setup maps. Idempotent (a part already posted is not
// posted again); a post cut short by a crash is recovered by reading the transaction back; and a
// transaction anyone else explained, even in part, is never touched: it is re-read right before
// posting.
export async function explainPayout(wdb: WorkspaceDb, workspaceId: string, payoutId: string, actor: AuditActor): Promise<ExplainResult> {
  const { payout, r, setup, deposit } = await matchedDeposit(wdb, payoutId);
  const plan = postablePlan(r.breakdown, setup.categoryMap);
  const describe = (post: { part: string }) => explanationDescription(payout.externalId, BREAKDOWN_PART_LABEL[post.part as BreakdownPart] ?? post.part);
  const result = () => livePosts(wdb, payoutId, deposit.externalId).then((posts) => ({ posted, explanations: posts.flatMap((p) => (p.explanationExternalId ? [{ part: p.part, grossValue: p.grossValue.toFixed(2), explanationExternalId: p.explanationExternalId }] : [])) }));
  let posted = 0;

  const live = await livePosts(wdb, payoutId, deposit.externalId);
  if (plan.every((line) => live.some((p) => p.part === line.part && p.explanationExternalId))) return result();

  const access: AccountingAccess = await accountingAccess(setup.accountingConnectionId);
  try {
    const remote = await access.accounting.readBankTransaction(access.ctx, deposit.externalId);
    const lost = await adoptInFlight(wdb, live, remote.explanations ?? [], describe);
    const ours = new Set(live.flatMap((p) => (p.explanationExternalId ? [p.explanationExternalId] : [])));
    const oursTotal = live.filter((p) => p.explanationExternalId).reduce((sum, p) => sum.plus(p.grossValue), new Prisma.Decimal(0));
    const foreign = (remote.explanations ?? []).filter((e) => !ours.has(e.externalId));
    if (foreign.length > 0 || !new Prisma.Decimal(remote.unexplainedAmount).equals(new Prisma.Decimal(remote.amount).minus(oursTotal))) {
      throw new AppError("CONFLICT", `This deposit is already explained in ${access.providerName}, in part or in full, by someone else: Meridian leaves it as it is.`);
    }
    for (const post of lost) await takeOverStale(wdb, post);
    const claimed = await claimParts(
      workspaceId,
      payoutId,
      setup.accountingConnectionId,
      deposit.externalId,
      plan.filter((line) => !live.some((p) => p.part === line.part)),
    );
    if (claimed.length !== plan.filter((line) => !live.some((p) => p.part === line.part)).length) throw busy();

    for (const post of inPostingOrder([...lost, ...claimed], deposit.amount)) {
      const created = await access.accounting.createExplanation(access.ctx, {
        bankTransactionExternalId: deposit.externalId,
        datedOn: calendarDay(deposit.datedOn),
        grossValue: post.grossValue.toFixed(2),
        categoryExternalId: post.categoryExternalId,
        description: describe(post),
      });
      await completePost(wdb, post, created.externalId, actor);
      posted++;
    }
    if (posted > 0) await refreshStoredTransaction(access, deposit.externalId);
  } catch (error) {
    throw asAppError(error, access.providerName);
  }
  return result();
}
