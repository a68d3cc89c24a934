import "server-only";
import { PROVIDERS } from "@/server/connectors/providers";
import { connectorFor } from "@/server/connectors/registry";
import { db } from "@/server/db";
import { analyticsReconciliationRequested } from "@/server/services/jobs/events";
import { jobRunner, type JobRunner } from "@/server/services/jobs/job-runner";
import { ensureReconciliationPairs, type PairRef } from "./ensure-reconciliation-pairs";

type Trigger = "SCHEDULE" | "MANUAL";

/**
 * Asks the job runner to reconcile these pairs, one run each (one at a time per pair). SCHEDULE
 * (after a sync, nightly) recomputes the days changed since the pair's last run; MANUAL (a
 * person's Recompute, a tolerance change) recomputes every day.
 */
export async function requestPairRecompute(pairs: readonly PairRef[], trigger: Trigger, options: { id?: (pair: PairRef) => string; runner?: JobRunner } = {}): Promise<void> {
  if (pairs.length === 0) return;
  const runner = options.runner ?? jobRunner();
  await runner.send(
    pairs.map((pair) => analyticsReconciliationRequested.create({ workspaceId: pair.workspaceId, pairId: pair.id, trigger, full: trigger === "MANUAL" }, options.id ? { id: options.id(pair) } : undefined)),
  );
}

/** After a connection's sync finished: the pairs it is a side of (made first if it completes one) are recomputed. */
export async function requestAnalyticsReconciliationAfterSync(connectionId: string, runner?: JobRunner): Promise<void> {
  const connection = await db.connection.findUnique({ where: { id: connectionId }, select: { workspaceId: true } });
  if (!connection) return;
  await ensureReconciliationPairs(connection.workspaceId);
  const pairs = await db.reconciliationPair.findMany({
    where: { OR: [{ storeConnectionId: connectionId }, { analyticsConnectionId: connectionId }] },
    select: { id: true, workspaceId: true },
  });
  await requestPairRecompute(pairs, "SCHEDULE", { runner });
}

/**
 * The nightly run: every workspace with an analytics connection gets its pairs made, and each pair
 * one run (one event id per pair and night, so a repeated tick asks once). Days turn final this way
 * even when no sync changed anything.
 */
export async function requestNightlyReconciliation(now = new Date(), runner?: JobRunner): Promise<number> {
  const analyticsProviders = PROVIDERS.filter((provider) => connectorFor(provider).info.category === "analytics");
  const workspaces = await db.connection.findMany({ where: { provider: { in: analyticsProviders }, status: { not: "DISCONNECTED" } }, distinct: ["workspaceId"], select: { workspaceId: true } });
  for (const { workspaceId } of workspaces) await ensureReconciliationPairs(workspaceId);
  const pairs = await db.reconciliationPair.findMany({ select: { id: true, workspaceId: true }, orderBy: { id: "asc" } });
  const night = now.toISOString().slice(0, 10);
  await requestPairRecompute(pairs, "SCHEDULE", { id: (pair) => `analytics-reconciliation-${pair.id}-${night}`, runner });
  return pairs.length;
}
