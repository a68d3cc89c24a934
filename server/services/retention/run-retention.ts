import "server-only";
import { removeExpiredBatch, type RetentionScope } from "./retention-targets";
import { RETENTION_TARGETS, SYSTEM_RETENTION_TARGETS, type RetentionCounts, type RetentionWindows, type SystemRetentionTarget } from "./schema";

export const RETENTION_BATCH_SIZE = 1000;

export type BatchOptions = { batchSize?: number; maxBatches?: number };

// Removes expired rows of one scope in batches of `batchSize` (each its own statement, so no lock
// outlives a batch), stopping after `maxBatches` so a durable step stays short. `more` tells the
// caller to come back for the rest.
export async function runRetentionBatches(
  scope: RetentionScope,
  now: Date,
  { batchSize = RETENTION_BATCH_SIZE, maxBatches = Number.POSITIVE_INFINITY }: BatchOptions = {},
): Promise<{ removed: number; more: boolean }> {
  let removed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await removeExpiredBatch(scope, now, batchSize);
    removed += n;
    if (n < batchSize) return { removed, more: false };
  }
  return { removed, more: true };
}

// The whole workspace pass in one call, every batch until nothing expired is left.
export async function runRetention(
  workspaceId: string,
  windows: RetentionWindows,
  now: Date,
  options: Omit<BatchOptions, "maxBatches"> = {},
): Promise<RetentionCounts> {
  const counts = {} as RetentionCounts;
  for (const target of RETENTION_TARGETS) {
    counts[target] = (await runRetentionBatches({ kind: "workspace", workspaceId, windows, target }, now, options)).removed;
  }
  return counts;
}

// What belongs to no workspace, every target until nothing expired is left.
export async function runSystemRetention(now: Date, options: Omit<BatchOptions, "maxBatches"> = {}): Promise<Record<SystemRetentionTarget, number>> {
  const counts = {} as Record<SystemRetentionTarget, number>;
  for (const target of SYSTEM_RETENTION_TARGETS) counts[target] = (await runRetentionBatches({ kind: "system", target }, now, options)).removed;
  return counts;
}
