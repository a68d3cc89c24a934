import type { Prisma } from "@/server/generated/prisma/client";

// Who did it and from where; the tRPC context supplies ip and userAgent.
export type AuditActor = { actorId: string | null; ip: string | null; userAgent: string | null };

export type AuditEntry = AuditActor & {
  workspaceId: string;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonObject;
};

// Anything with an auditLog delegate: the plain client, a scoped handle, or either's transaction.
type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): PromiseLike<unknown> } };

// Always called with the transaction that makes the change, so the change and its audit row
// commit or roll back together.
export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      workspaceId: entry.workspaceId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
      ip: entry.ip,
      userAgent: entry.userAgent,
    },
  });
}
