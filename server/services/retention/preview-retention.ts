import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { getRetentionPolicy, type RetentionPolicy } from "./get-retention-policy";
import { countExpired } from "./retention-targets";
import { RETENTION_TARGETS, type RetentionCounts, type RetentionWindows } from "./schema";

// Dry run: how many rows a retention run at `now` would remove (or, for run details, clear).
export async function countExpiredRows(workspaceId: string, windows: RetentionWindows, now: Date): Promise<RetentionCounts> {
  const counts = await Promise.all(
    RETENTION_TARGETS.map((target) => countExpired({ kind: "workspace", workspaceId, windows, target }, now)),
  );
  return Object.fromEntries(RETENTION_TARGETS.map((target, i) => [target, counts[i]!])) as RetentionCounts;
}

export type RetentionPreview = { policy: RetentionPolicy; counts: RetentionCounts; asOf: Date };

// The preview of the workspace's saved windows, as the settings page and the API show it.
export async function previewRetention(wdb: WorkspaceDb, workspaceId: string, now: Date): Promise<RetentionPreview> {
  const policy = await getRetentionPolicy(wdb);
  return { policy, counts: await countExpiredRows(workspaceId, policy, now), asOf: now };
}
