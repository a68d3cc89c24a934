import { workspaceDb, type WorkspaceDb } from "@/server/db";
import { RETENTION_DEFAULTS, type RetentionWindows } from "./schema";

const WINDOW_COLUMNS = {
  jobRunDetailsDays: true,
  jobRunsDays: true,
  failedJobRunsDays: true,
  webhookPayloadsDays: true,
  auditLogDays: true,
  emailOutboxDays: true,
  exportFilesDays: true,
} as const;

export type RetentionPolicy = RetentionWindows & { isDefault: boolean };

// A workspace that never saved its windows runs on the defaults; no row is created just by reading.
// Takes the scoped handle or its transaction.
export async function getRetentionPolicy(wdb: Pick<WorkspaceDb, "retentionPolicy">): Promise<RetentionPolicy> {
  const row = await wdb.retentionPolicy.findFirst({ select: WINDOW_COLUMNS });
  return row ? { ...row, isDefault: false } : { ...RETENTION_DEFAULTS, isDefault: true };
}

// For background runs, which have a workspace id but no request context.
export async function loadRetentionWindows(workspaceId: string): Promise<RetentionWindows> {
  const { isDefault: _isDefault, ...windows } = await getRetentionPolicy(workspaceDb(workspaceId));
  return windows;
}
