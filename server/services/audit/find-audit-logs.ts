import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP } from "@/server/services/pagination";
import { AUDIT_SORTS, type AuditSort, type FindAuditLogsInput } from "./schema";

export type AuditLogItem = {
  id: string;
  action: string;
  actor: { name: string | null; email: string } | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Prisma.JsonValue;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
};

const SORTS = listSorts<AuditSort>({ time: keysetOn("createdAt"), action: keysetOn("action", "text") }, AUDIT_SORTS, "time");

// A page of the audit log in the chosen sort (newest first by default), paging either way, with the
// filtered total counted up to its cap.
export async function findAuditLogs(wdb: WorkspaceDb, input: FindAuditLogsInput) {
  const where: Prisma.AuditLogWhereInput = input.action ? { action: input.action } : {};
  const [{ keyset, rows }, counted] = await Promise.all([
    SORTS.read(input, input, (query) =>
      wdb.auditLog.findMany({
        where: { AND: [where, query.where as Prisma.AuditLogWhereInput] },
        orderBy: query.orderBy as Prisma.AuditLogOrderByWithRelationInput[],
        take: query.take,
        include: { actor: { select: { name: true, email: true } } },
      }),
    ),
    wdb.auditLog.count({ where, take: TOTAL_CAP + 1 }),
  ]);
  const page = keyset.twoWay(rows, input, (row): AuditLogItem => ({
    id: row.id,
    action: row.action,
    actor: row.actor,
    targetType: row.targetType,
    targetId: row.targetId,
    metadata: row.metadata,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
  }));
  return { ...page, total: cappedTotal(counted) };
}
