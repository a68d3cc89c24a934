import { Prisma } from "@/server/generated/prisma/client";
import { workspaceDb } from "@/server/db";
import { findJobRunsInput, type FindJobRunsInput } from "@/server/services/job-history/schema";
import { assertConnectionInWorkspace } from "@/server/services/orders/find-orders";
import { andIf, sqlSource } from "../keyset-sql";

// The Jobs history (find-job-runs.ts) in SQL, newest first.
export const jobRunsSource = sqlSource<FindJobRunsInput>({
  list: "job-runs",
  fileStem: "job-runs",
  requires: "jobs.read",
  filters: findJobRunsInput,
  keyset: { column: Prisma.sql`r."queuedAt"`, id: Prisma.sql`r.id`, direction: "desc", kind: "timestamp" },
  columns: [
    { key: "id", header: "Run id", type: "text", sql: Prisma.sql`r.id` },
    { key: "kind", header: "Kind", type: "text", sql: Prisma.sql`r.kind` },
    { key: "status", header: "Status", type: "text", sql: Prisma.sql`r.status::text` },
    { key: "trigger", header: "Trigger", type: "text", sql: Prisma.sql`r.trigger::text` },
    { key: "connection", header: "Connection", type: "text", sql: Prisma.sql`k."displayName"` },
    { key: "stream", header: "Stream", type: "text", sql: Prisma.sql`r.stream` },
    { key: "queuedAt", header: "Queued at", type: "timestamp", sql: Prisma.sql`r."queuedAt"` },
    { key: "startedAt", header: "Started at", type: "timestamp", sql: Prisma.sql`r."startedAt"` },
    { key: "finishedAt", header: "Finished at", type: "timestamp", sql: Prisma.sql`r."finishedAt"` },
    { key: "durationMs", header: "Duration (ms)", type: "integer", sql: Prisma.sql`r."durationMs"` },
    { key: "attempts", header: "Attempts", type: "integer", sql: Prisma.sql`r.attempts` },
    { key: "recordsRead", header: "Read", type: "integer", sql: Prisma.sql`r."recordsRead"` },
    { key: "recordsInserted", header: "Inserted", type: "integer", sql: Prisma.sql`r."recordsInserted"` },
    { key: "recordsUpdated", header: "Updated", type: "integer", sql: Prisma.sql`r."recordsUpdated"` },
    { key: "recordsUnchanged", header: "Unchanged", type: "integer", sql: Prisma.sql`r."recordsUnchanged"` },
    { key: "recordsDeleted", header: "Deleted", type: "integer", sql: Prisma.sql`r."recordsDeleted"` },
    { key: "error", header: "Error", type: "text", sql: Prisma.sql`r.error` },
  ],
  async from(workspaceId, filters) {
    await assertConnectionInWorkspace(workspaceDb(workspaceId), filters.connectionId);
    return Prisma.sql`FROM "JobRun" r LEFT JOIN "Connection" k ON k.id = r."connectionId"
      WHERE r."workspaceId" = ${workspaceId}
      ${andIf(filters.kind, (kind) => Prisma.sql`r.kind = ${kind}`)}
      ${andIf(filters.status, (status) => Prisma.sql`r.status::text = ${status}`)}
      ${andIf(filters.connectionId, (id) => Prisma.sql`r."connectionId" = ${id}`)}
      ${andIf(filters.from, (from) => Prisma.sql`r."queuedAt" >= ${from}`)}
      ${andIf(filters.to, (to) => Prisma.sql`r."queuedAt" <= ${to}`)}`;
  },
});
