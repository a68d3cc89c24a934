import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { matchRateThreshold, settingsView } from "./get-reconciliation-settings";
import { pairSummaries } from "./pair-summary";

/** One pair (another workspace's reads as none) with the threshold its days are judged against. */
export async function getReconciliationPair(wdb: WorkspaceDb, pairId: string) {
  const threshold = await matchRateThreshold(wdb);
  const [pair] = await pairSummaries(wdb, threshold.value, pairId);
  if (!pair) throw new AppError("NOT_FOUND", "Reconciliation not found.");
  return { ...pair, settings: settingsView(threshold) };
}

/** Throws NOT_FOUND unless the pair is this workspace's. */
export async function assertPairInWorkspace(wdb: WorkspaceDb, pairId: string): Promise<void> {
  if (!(await wdb.reconciliationPair.findFirst({ where: { id: pairId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Reconciliation not found.");
}
