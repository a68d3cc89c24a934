import "server-only";
import type { BankTransactionExplanationRecord } from "@/server/connectors/_core/records";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma, type PayoutExplanationPost } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";

// PayoutExplanationPost rows: written before the provider is asked to create an explanation and
// completed with its id after, so a crash in between leaves a row "in flight" that the next Explain
// or Undo resolves by reading the transaction back (adopt the explanation if it was created).

/** An in-flight post younger than this may still be on its way: another request is posting it. */
export const IN_FLIGHT_LEASE_MS = 60_000;

export const busy = () => new AppError("CONFLICT", "Explanations for this payout are being posted right now: try again in a minute.");

/** The live (not undone) posts of a payout's deposit. */
export function livePosts(wdb: WorkspaceDb, payoutId: string, bankTransactionExternalId?: string) {
  return wdb.payoutExplanationPost.findMany({ where: { payoutId, undoneAt: null, ...(bankTransactionExternalId ? { bankTransactionExternalId } : {}) }, orderBy: { createdAt: "asc" } });
}

/**
 * Gives each in-flight post the explanation the provider holds for it (same description, value and
 * category, not already another post's): it was created before the crash. Answers the posts still
 * in flight, which the provider never got.
 */
export async function adoptInFlight(
  wdb: WorkspaceDb,
  posts: PayoutExplanationPost[],
  explanations: readonly BankTransactionExplanationRecord[],
  describe: (post: PayoutExplanationPost) => string,
): Promise<PayoutExplanationPost[]> {
  const taken = new Set(posts.flatMap((p) => (p.explanationExternalId ? [p.explanationExternalId] : [])));
  const lost: PayoutExplanationPost[] = [];
  for (const post of posts.filter((p) => p.explanationExternalId === null)) {
    const found = explanations.find(
      (e) => !taken.has(e.externalId) && e.description === describe(post) && e.categoryExternalId === post.categoryExternalId && new Prisma.Decimal(e.grossValue).equals(post.grossValue),
    );
    if (!found) {
      lost.push(post);
      continue;
    }
    taken.add(found.externalId);
    post.explanationExternalId = found.externalId;
    await wdb.payoutExplanationPost.update({ where: { id: post.id }, data: { explanationExternalId: found.externalId, postedAt: new Date() } });
  }
  return lost;
}

/** Takes over a post in flight for longer than the lease (its request died); refuses a younger one. */
export async function takeOverStale(wdb: WorkspaceDb, post: PayoutExplanationPost, now = new Date()): Promise<void> {
  if (now.getTime() - post.updatedAt.getTime() < IN_FLIGHT_LEASE_MS) throw busy();
  const { count } = await wdb.payoutExplanationPost.updateMany({ where: { id: post.id, updatedAt: post.updatedAt }, data: { updatedAt: now } });
  if (count === 0) throw busy();
}

/** Completes a post with the provider's explanation, and audits it, together. */
export async function completePost(wdb: WorkspaceDb, post: PayoutExplanationPost, explanationExternalId: string, actor: AuditActor): Promise<void> {
  await wdb.$transaction(async (tx) => {
    await tx.payoutExplanationPost.update({ where: { id: post.id }, data: { explanationExternalId, postedAt: new Date(), postedByUserId: actor.actorId } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: post.workspaceId,
      action: "payouts.explanation.posted",
      targetType: "Payout",
      targetId: post.payoutId,
      metadata: { part: post.part, grossValue: post.grossValue.toFixed(2), categoryExternalId: post.categoryExternalId, bankTransactionExternalId: post.bankTransactionExternalId, explanationExternalId },
    });
  });
}

/** Marks a post undone (its explanation deleted at the provider, or never created), and audits it, together. */
export async function undoPost(wdb: WorkspaceDb, post: PayoutExplanationPost, actor: AuditActor): Promise<void> {
  await wdb.$transaction(async (tx) => {
    await tx.payoutExplanationPost.update({ where: { id: post.id }, data: { undoneAt: new Date() } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: post.workspaceId,
      action: "payouts.explanation.undone",
      targetType: "Payout",
      targetId: post.payoutId,
      metadata: { part: post.part, grossValue: post.grossValue.toFixed(2), bankTransactionExternalId: post.bankTransactionExternalId, explanationExternalId: post.explanationExternalId },
    });
  });
}
