import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { RETENTION_DEFAULTS, type RetentionTarget, type RetentionWindows } from "./schema";

// The one place that says which rows retention removes. Preview (COUNT) and the real run (batched
// DELETE/UPDATE) are built from the same conditions, so the preview is exactly what a run at the
// same instant would do. Raw SQL because Prisma's deleteMany has no LIMIT; tenant scope is the
// first term of every condition below, never added by callers.

const DAY_MS = 86_400_000;

type RetentionCutoffs = {
  jobRunDetails: Date;
  jobRuns: Date;
  failedJobRuns: Date;
  webhookEvents: Date;
  auditLogs: Date;
  emailOutbox: Date;
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
  };
}

type Condition = { table: "JobRun" | "WebhookEvent" | "AuditLog" | "EmailOutbox"; where: Prisma.Sql; action: "delete" | "clearDetails" };

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
  }
}

// Mail sent outside any workspace (sign-in links) follows the default window.
function systemEmailCondition(now: Date): Condition {
  const cutoff = new Date(now.getTime() - RETENTION_DEFAULTS.emailOutboxDays * DAY_MS);
  return { table: "EmailOutbox", action: "delete", where: Prisma.sql`"workspaceId" IS NULL AND "createdAt" < ${cutoff}` };
}

async function countRows(condition: Condition): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${Prisma.raw(`"${condition.table}"`)} WHERE ${condition.where}`;
  return row?.n ?? 0;
}

// One statement, so one short transaction: locks are held for at most `limit` rows.
async function applyBatch(condition: Condition, limit: number): Promise<number> {
  const table = Prisma.raw(`"${condition.table}"`);
  const ids = Prisma.sql`SELECT "id" FROM ${table} WHERE ${condition.where} LIMIT ${limit}`;
  return condition.action === "delete"
    ? db.$executeRaw`DELETE FROM ${table} WHERE "id" IN (${ids})`
    : db.$executeRaw`UPDATE ${table} SET "details" = NULL WHERE "id" IN (${ids})`;
}

// What one pass works on: one target of one workspace under its windows, or the mail sent
// outside any workspace.
export type RetentionScope =
  | { kind: "workspace"; workspaceId: string; windows: RetentionWindows; target: RetentionTarget }
  | { kind: "systemEmail" };

function conditionFor(scope: RetentionScope, now: Date): Condition {
  return scope.kind === "systemEmail"
    ? systemEmailCondition(now)
    : workspaceCondition(scope.target, scope.workspaceId, retentionCutoffs(scope.windows, now));
}

export function countExpired(scope: RetentionScope, now: Date): Promise<number> {
  return countRows(conditionFor(scope, now));
}

export function removeExpiredBatch(scope: RetentionScope, now: Date, limit: number): Promise<number> {
  return applyBatch(conditionFor(scope, now), limit);
}
