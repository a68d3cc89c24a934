import { Prisma } from "@/server/generated/prisma/client";
import { findAuditLogsInput, type FindAuditLogsInput } from "@/server/services/audit/schema";
import { andIf, sqlSource } from "../keyset-sql";

// The audit log (find-audit-logs.ts) in SQL, newest first; metadata as its JSON text.
export const auditLogSource = sqlSource<FindAuditLogsInput>({
  list: "audit-log",
  fileStem: "audit-log",
  requires: "audit.read",
  filters: findAuditLogsInput,
  keyset: { column: Prisma.sql`a."createdAt"`, id: Prisma.sql`a.id`, direction: "desc", kind: "timestamp" },
  columns: [
    { key: "id", header: "Entry id", type: "text", sql: Prisma.sql`a.id` },
    { key: "createdAt", header: "When", type: "timestamp", sql: Prisma.sql`a."createdAt"` },
    { key: "action", header: "Action", type: "text", sql: Prisma.sql`a.action` },
    { key: "actorName", header: "Actor", type: "text", sql: Prisma.sql`u.name` },
    { key: "actorEmail", header: "Actor email", type: "text", sql: Prisma.sql`u.email` },
    { key: "targetType", header: "Target type", type: "text", sql: Prisma.sql`a."targetType"` },
    { key: "targetId", header: "Target id", type: "text", sql: Prisma.sql`a."targetId"` },
    { key: "metadata", header: "Details", type: "text", sql: Prisma.sql`a.metadata::text` },
    { key: "ip", header: "IP", type: "text", sql: Prisma.sql`a.ip` },
    { key: "userAgent", header: "User agent", type: "text", sql: Prisma.sql`a."userAgent"` },
  ],
  async from(workspaceId, filters) {
    return Prisma.sql`FROM "AuditLog" a LEFT JOIN "User" u ON u.id = a."actorId"
      WHERE a."workspaceId" = ${workspaceId} ${andIf(filters.action, (action) => Prisma.sql`a.action = ${action}`)}`;
  },
});
