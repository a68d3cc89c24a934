import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { afterCursor, decodeCursor, toPage } from "@/server/services/pagination";
import type { FindAuditLogsInput } from "./schema";

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

// Newest first, keyset-paginated on (createdAt desc, id desc), which the AuditLog index covers.
export async function findAuditLogs(wdb: WorkspaceDb, input: FindAuditLogsInput) {
  const rows = await wdb.auditLog.findMany({
    where: {
      ...(input.action ? { action: input.action } : {}),
      ...(input.cursor ? afterCursor(decodeCursor(input.cursor), "desc") : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: { actor: { select: { name: true, email: true } } },
  });
  return toPage(rows, input.limit, (row): AuditLogItem => ({
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
}
