import "server-only";
import type { z } from "zod";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { isOfCategory, type LiveConnection } from "@/server/services/connections/live-connections";
import { matchRateTrend, type MatchRatePoint } from "./match-rate-trend";
import { resolvePeriod, todayIn, type ResolvedPeriod } from "./overview-period";
import { salesSeries, salesTotals, type SalesSeries, type SalesTotals } from "./sales-figures";
import type { overviewInput } from "./schema";
import { syncHealth, type ConnectionSyncHealth } from "./sync-health";
import { topProducts, type TopProduct } from "./top-products";

export type Overview = {
  timeZone: string;
  period: ResolvedPeriod;
  /** The stores the period can be narrowed to. */
  stores: LiveConnection[];
  /** The store it is narrowed to, if any (one of `stores`, or one no longer live). */
  connectionId: string | null;
  totals: SalesTotals[];
  series: SalesSeries[];
  topProducts: TopProduct[];
  matchRate: MatchRatePoint[];
  syncHealth: ConnectionSyncHealth[];
};

/**
 * The workspace overview for a period against the one before it: sales figures from the daily
 * rollups, the analytics match rate from the reconciliation's days, and every connection's syncs.
 */
export async function getOverview(
  wdb: WorkspaceDb,
  workspace: { id: string },
  input: z.output<typeof overviewInput>,
  now = new Date(),
): Promise<Overview> {
  const { timeZone } = await wdb.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { timeZone: true } });
  const period = resolvePeriod(input, todayIn(timeZone, now));
  const scope = { workspaceId: workspace.id, connectionId: input.connectionId };
  const [totals, series, products, matchRate, health] = await Promise.all([
    salesTotals(scope, period),
    salesSeries(scope, period),
    topProducts(scope, period),
    matchRateTrend(scope, period),
    syncHealth(workspace.id, now),
  ]);
  // The stores to narrow to are the live ones among the connections sync health lists (in the
  // same order), so they cost no query of their own.
  const stores = health
    .filter((connection) => connection.status !== "DISCONNECTED" && isOfCategory(connection.provider, "store"))
    .map(({ connectionId, displayName, provider }) => ({ id: connectionId, displayName, provider }));
  // Another workspace's store (or none) is answered as not found, like any id that is not ours.
  if (input.connectionId && !health.some((connection) => connection.connectionId === input.connectionId)) {
    throw new AppError("NOT_FOUND", "Store connection not found.");
  }
  return { timeZone, period, stores, connectionId: input.connectionId ?? null, totals, series, topProducts: products, matchRate, syncHealth: health };
}
