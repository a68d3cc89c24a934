import "server-only";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

/**
 * Recomputes every dashboard rollup row of the workspace from its orders, line items and refunds,
 * in the caller's transaction when given: as a repair, or after a bulk load. Ingest needs none of
 * this: the triggers of the dashboard_rollups migration keep the rollups current in each writing
 * transaction. A time-zone change rebuilds in parts (below), to report its progress.
 */
export async function rebuildDashboardRollups(workspaceId: string, tx: Pick<Prisma.TransactionClient, "$executeRaw"> = db): Promise<void> {
  await tx.$executeRaw`SELECT dashboard_rebuild_rollups(${workspaceId})`;
}

// About two months of one store's days: a part of a million-order workspace takes a second or two.
const KEYS_PER_PART = 62;

type RollupKey = { connectionId: string; day: string };

/**
 * The same rebuild, a slice of (store, day) keys at a time in `tx`, with `progress` told how many
 * keys are done after each slice. Every connection's ingest lock is taken first, as the one-call
 * rebuild does, so writers wait for the whole rebuild rather than count days in the old zone.
 */
export async function rebuildDashboardRollupsInParts(
  workspaceId: string,
  tx: Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">,
  progress: (done: number, total: number) => Promise<void>,
): Promise<void> {
  await tx.$executeRaw`SELECT dashboard_lock_connections(${workspaceId})`;
  const keys = await tx.$queryRaw<RollupKey[]>`SELECT k."connectionId", k.day::text AS day FROM dashboard_rollup_keys(${workspaceId}) k`;
  await progress(0, keys.length);
  for (let start = 0; start < keys.length; start += KEYS_PER_PART) {
    const part = keys.slice(start, start + KEYS_PER_PART);
    await tx.$executeRaw`SELECT dashboard_refresh_rollups(ARRAY(
      SELECT ROW(${workspaceId}, k."connectionId", k.day)::dashboard_rollup_key
      FROM unnest(${part.map((key) => key.connectionId)}::text[], ${part.map((key) => key.day)}::date[]) AS k("connectionId", day)))`;
    await progress(start + part.length, keys.length);
  }
  await tx.$executeRaw`SELECT dashboard_rebuild_monthly_rollups(${workspaceId})`;
}
