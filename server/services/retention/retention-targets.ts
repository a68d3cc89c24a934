import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { RETENTION_DEFAULTS, type RetentionTarget, type RetentionWindows, type SystemRetentionTarget } from "./schema";

// The one place that says which rows retention removes. Preview (COUNT) and the real run (batched
// DELETE/UPDATE) are built from the same conditions, so the preview is exactly what a run at the
// same instant would do. Raw SQL because Prisma's deleteMany has no LIMIT; tenant scope is the
// first term of every condition below, never added by callers.

const DAY_MS = 86_400_000;

// A tombstone (server/ingest/tombstones.ts) guards against a copy of its record read before the
// deletion and written after it: a backfill's, a delayed delivery's, which come within hours or
// days, never 90. The window is the same for every workspace and nothing a person sets or needs
// to preview, so one statement over the occurredAt index prunes them all, a batch at a time.
export const DELETION_TOMBSTONE_DAYS = 90;

type RetentionCutoffs = {
  jobRunDetails: Date;
  jobRuns: Date;
  failedJobRuns: Date;
  webhookEvents: Date;
  auditLogs: Date;
  emailOutbox: Date;
  exportFiles: Date;
  now: Date;
};

// A row goes when its timestamp is strictly before the cutoff: a row exactly `days` old stays.
function retentionCutoffs(windows: RetentionWindows, now: Date): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    jobRunDetails: before(windows.jobRunDetailsDays),
    jobRuns: before(windows.jobRunsDays),
    failedJobRuns: before(windows.failedJobRunsDays),
    webhookEvents: before(windows.webhookPayloadsDays),
    auditLogs: before(windows.auditLogDays),
    emailOutbox: before(windows.emailOutboxDays),
    exportFiles: before(windows.exportFilesDays),
    now,
  };
}

type Condition = {
  table: "JobRun" | "WebhookEvent" | "AuditLog" | "EmailOutbox" | "ExportFile" | "VerificationToken" | "Session" | "RateLimitBucket" | "RequestWindowCount" | "DeletionTombstone";
  where: Prisma.Sql;
  action: "delete" | "clearDetails";
  /** The column a batch selects its rows by; "id" unless the table has none. */
  key?: string;
};

// JobRuns age by queuedAt, which the (workspaceId, queuedAt) index covers.
function expiredJobRun(c: RetentionCutoffs): Prisma.Sql {
  return Prisma.sql`(("status" <> 'FAILED' AND "queuedAt" < ${c.jobRuns}) OR ("status" = 'FAILED' AND "queuedAt" < ${c.failedJobRuns}))`;
}

function workspaceCondition(target: RetentionTarget, workspaceId: string, c: RetentionCutoffs): Condition {
  switch (target) {
    case "jobRuns":
      return { table: "JobRun", action: "delete", where: Prisma.sql`"workspaceId" = ${workspaceId} AND ${expiredJobRun(c)}` };
    case "jobRunDetails":
      // Runs about to be deleted are counted there, not here.
      return {
        table: "JobRun",
        action: "clearDetails",
        where: Prisma.sql`"workspaceId" = ${workspaceId} AND "queuedAt" < ${c.jobRunDetails} AND "details" IS NOT NULL AND NOT ${expiredJobRun(c)}`,
      };
    case "webhookEvents":
      return { table: "WebhookEvent", action: "delete", where: Prisma.sql`"workspaceId" = ${workspaceId} AND "receivedAt" < ${c.webhookEvents}` };
    case "auditLogs":
      return { table: "AuditLog", action: "delete", where: Prisma.sql`"workspaceId" = ${workspaceId} AND "createdAt" < ${c.auditLogs}` };
    case "emailOutbox":
      return { table: "EmailOutbox", action: "delete", where: Prisma.sql`"workspaceId" = ${workspaceId} AND "createdAt" < ${c.emailOutbox}` };
    case "exportFiles":
      // Older than the window, or past the expiry set when it was written (a window shortened
      // since then removes it sooner). Its chunks go with it (ON DELETE CASCADE).
      return {
        table: "ExportFile",
        action: "delete",
        where: Prisma.sql`"workspaceId" = ${workspaceId} AND ("createdAt" < ${c.exportFiles} OR "expiresAt" < ${c.now})`,
      };
  }
}

// Mail follows the default window. An expired magic-link token can never sign anyone in (Auth.js
// refuses it) and an expired session never authenticates, but Auth.js deletes neither unless it is
// presented again; a rate-limit window that has closed counts nothing. All of them only grow.
function systemCondition(target: SystemRetentionTarget, now: Date): Condition {
  switch (target) {
    case "emails": {
      const cutoff = new Date(now.getTime() - RETENTION_DEFAULTS.emailOutboxDays * DAY_MS);
      return { table: "EmailOutbox", action: "delete", where: Prisma.sql`"workspaceId" IS NULL AND "createdAt" < ${cutoff}` };
    }
    case "signInTokens":
      return { table: "VerificationToken", action: "delete", key: "token", where: Prisma.sql`"expires" < ${now}` };
    case "sessions":
      return { table: "Session", action: "delete", where: Prisma.sql`"expires" < ${now}` };
    case "rateLimitBuckets":
      return { table: "RateLimitBucket", action: "delete", key: "key", where: Prisma.sql`"resetAt" < ${now}` };
    case "requestWindows":
      // A key no process draws from any more (a disconnected account): every stored window
      // (keyed by its length in seconds) has ended, so the row counts nothing.
      return {
        table: "RequestWindowCount",
        action: "delete",
        key: "allowanceKey",
        where: Prisma.sql`NOT EXISTS (SELECT 1 FROM jsonb_each("windows") w WHERE (w.value ->> 'start')::bigint + w.key::bigint > extract(epoch FROM ${now}::timestamptz))`,
      };
    case "deletionTombstones": {
      const cutoff = new Date(now.getTime() - DELETION_TOMBSTONE_DAYS * DAY_MS);
      return { table: "DeletionTombstone", action: "delete", where: Prisma.sql`"occurredAt" < ${cutoff}` };
    }
  }
}

async function countRows(condition: Condition): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${Prisma.raw(`"${condition.table}"`)} WHERE ${condition.where}`;
  return row?.n ?? 0;
}

// One statement, so one short transaction: locks are held for at most `limit` rows.
async function applyBatch(condition: Condition, limit: number): Promise<number> {
  const table = Prisma.raw(`"${condition.table}"`);
  const key = Prisma.raw(`"${condition.key ?? "id"}"`);
  const ids = Prisma.sql`SELECT ${key} FROM ${table} WHERE ${condition.where} LIMIT ${limit}`;
  // The condition is checked again on the rows themselves: a key need not be unique on its own
  // (a sign-in token is unique with its address), and only expired rows may go.
  return condition.action === "delete"
    ? db.$executeRaw`DELETE FROM ${table} WHERE ${key} IN (${ids}) AND ${condition.where}`
    : db.$executeRaw`UPDATE ${table} SET "details" = NULL WHERE ${key} IN (${ids}) AND ${condition.where}`;
}

// What one pass works on: one target of one workspace under its windows, or one of what belongs
// to no workspace.
export type RetentionScope =
  | { kind: "workspace"; workspaceId: string; windows: RetentionWindows; target: RetentionTarget }
  | { kind: "system"; target: SystemRetentionTarget };

function conditionFor(scope: RetentionScope, now: Date): Condition {
  return scope.kind === "system"
    ? systemCondition(scope.target, now)
    : workspaceCondition(scope.target, scope.workspaceId, retentionCutoffs(scope.windows, now));
}

export function countExpired(scope: RetentionScope, now: Date): Promise<number> {
  return countRows(conditionFor(scope, now));
}

export function removeExpiredBatch(scope: RetentionScope, now: Date, limit: number): Promise<number> {
  return applyBatch(conditionFor(scope, now), limit);
}
