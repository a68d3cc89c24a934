import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { hasLiveConnectionIn } from "@/server/services/connections/live-connections";
import { matchRateThreshold, settingsView } from "./get-reconciliation-settings";
import { pairSummaries } from "./pair-summary";

// The Reconciliation page: every pair with its latest match rate and trend, the threshold they
// are judged against, and, for the empty state, which kind of connection the workspace still lacks.
export async function listReconciliationPairs(wdb: WorkspaceDb) {
  const threshold = await matchRateThreshold(wdb);
  const [pairs, hasStore, hasAnalytics] = await Promise.all([pairSummaries(wdb, threshold.value), hasLiveConnectionIn(wdb, "store"), hasLiveConnectionIn(wdb, "analytics")]);
  return { pairs, settings: settingsView(threshold), connected: { store: hasStore, analytics: hasAnalytics } };
}
