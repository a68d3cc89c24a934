import "server-only";
import type { z } from "zod";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { isOfCategory, type LiveConnection } from "@/server/services/connections/live-connections";
import { timeZoneChangeInFlightSql } from "@/server/services/workspaces/time-zone-change";
import { matchRateTrend, type MatchRatePoint } from "./match-rate-trend";
import { overviewPart, type OverviewPart } from "./overview-part";
import { resolvePeriod, todayIn, type ResolvedPeriod } from "./overview-period";
import { salesSeries, salesTotals, type SalesSeries, type SalesTotals } from "./sales-figures";
import type { overviewInput } from "./schema";
import { syncHealth, type ConnectionSyncHealth } from "./sync-health";
import { topProducts, type TopProduct } from "./top-products";

export type Overview = {
  /** The zone the figures' days are counted in. */
  timeZone: string;
  /** The zone they are being counted again in, while a change of the workspace's zone runs (the figures stay the old zone's until it is done). */
  recountingIn: string | null;
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

type Parts = Record<string, OverviewPart<never, unknown>>;
type Read<P extends Parts> = { [K in keyof P]: ReturnType<P[K]["read"]> };

/**
 * Every part in one statement: each part's rows become a JSON array in one column. A page view
 * under load was eight round trips (session, membership, time zone, five figures), each waiting
 * for a pooled connection; now it is three. Each part's own ORDER BY orders its array: the
 * aggregate reads the subquery's rows in order, as nothing joins or sorts them at its level.
 */
async function readParts<P extends Parts>(parts: P): Promise<Read<P>> {
  const names = Object.keys(parts);
  const columns = names.map((name) => Prisma.sql`(SELECT coalesce(json_agg(p), '[]') FROM (${parts[name]!.sql}) p) AS ${Prisma.raw(`"${name}"`)}`);
  const [row] = await db.$queryRaw<Record<string, never[]>[]>`SELECT ${Prisma.join(columns)}`;
  return Object.fromEntries(names.map((name) => [name, parts[name]!.read(row![name]!)])) as Read<P>;
}

/**
 * The workspace overview for a period against the one before it: sales figures from the daily
 * rollups, the analytics match rate from the reconciliation's days, and every connection's syncs.
 */
export async function getOverview(workspace: { id: string; timeZone: string }, input: z.output<typeof overviewInput>, now = new Date()): Promise<Overview> {
  const { timeZone } = workspace;
  const period = resolvePeriod(input, todayIn(timeZone, now));
  const scope = { workspaceId: workspace.id, connectionId: input.connectionId };
  const figures = await readParts({
    totals: salesTotals(scope, period),
    series: salesSeries(scope, period),
    topProducts: topProducts(scope, period),
    matchRate: matchRateTrend(scope, period),
    syncHealth: syncHealth(workspace.id, now),
    recountingIn: overviewPart(timeZoneChangeInFlightSql(workspace.id), (rows: { timeZone: string }[]) => rows[0]?.timeZone ?? null),
  });
  // The stores to narrow to are the live ones among the connections sync health lists (in the
  // same order), so they cost no query of their own.
  const stores = figures.syncHealth
    .filter((connection) => connection.status !== "DISCONNECTED" && isOfCategory(connection.provider, "store"))
    .map(({ connectionId, displayName, provider }) => ({ id: connectionId, displayName, provider }));
  // Another workspace's store (or none) is answered as not found, like any id that is not ours.
  if (input.connectionId && !figures.syncHealth.some((connection) => connection.connectionId === input.connectionId)) {
    throw new AppError("NOT_FOUND", "Store connection not found.");
  }
  return { timeZone, period, stores, connectionId: input.connectionId ?? null, ...figures };
}
