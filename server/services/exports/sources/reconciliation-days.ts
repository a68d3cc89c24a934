import { Prisma } from "@/server/generated/prisma/client";
import { workspaceDb } from "@/server/db";
import { assertPairInWorkspace } from "@/server/services/reconciliation/get-reconciliation-pair";
import { matchRateThreshold } from "@/server/services/reconciliation/get-reconciliation-settings";
import { findReconciliationDaysInput, type FindReconciliationDaysInput } from "@/server/services/reconciliation/schema";
import { andIf, sqlSource } from "../keyset-sql";

// A pair's reconciliation days (find-reconciliation-days.ts) in SQL, newest first.
export const reconciliationDaysSource = sqlSource<FindReconciliationDaysInput>({
  list: "reconciliation-days",
  fileStem: "reconciliation-days",
  requires: "data.read",
  filters: findReconciliationDaysInput,
  keyset: { column: Prisma.sql`d.date`, id: Prisma.sql`d.id`, direction: "desc", kind: "date" },
  columns: [
    { key: "date", header: "Date", type: "date", sql: Prisma.sql`d.date::text` },
    { key: "currency", header: "Currency", type: "text", sql: Prisma.sql`d.currency` },
    { key: "storeOrders", header: "Store orders", type: "integer", sql: Prisma.sql`d."storeOrders"` },
    { key: "storeValue", header: "Store value", type: "decimal", sql: Prisma.sql`trim_scale(d."storeValue")` },
    { key: "analyticsTransactions", header: "Analytics transactions", type: "integer", sql: Prisma.sql`d."analyticsTransactions"` },
    { key: "analyticsValue", header: "Analytics value", type: "decimal", sql: Prisma.sql`trim_scale(d."analyticsValue")` },
    { key: "matched", header: "Matched", type: "integer", sql: Prisma.sql`d.matched` },
    { key: "matchRate", header: "Match rate", type: "decimal", sql: Prisma.sql`trim_scale(d."matchRate")` },
    { key: "missingCount", header: "Missing in analytics", type: "integer", sql: Prisma.sql`d."missingCount"` },
    { key: "missingValue", header: "Missing value", type: "decimal", sql: Prisma.sql`trim_scale(d."missingValue")` },
    { key: "extraCount", header: "Only in analytics", type: "integer", sql: Prisma.sql`d."extraCount"` },
    { key: "extraValue", header: "Only-in-analytics value", type: "decimal", sql: Prisma.sql`trim_scale(d."extraValue")` },
    { key: "mismatchCount", header: "Value mismatches", type: "integer", sql: Prisma.sql`d."mismatchCount"` },
    { key: "duplicateCount", header: "Duplicates", type: "integer", sql: Prisma.sql`d."duplicateCount"` },
    { key: "notSetCount", header: "(not set) transactions", type: "integer", sql: Prisma.sql`d."notSetCount"` },
    { key: "notSetValue", header: "(not set) value", type: "decimal", sql: Prisma.sql`trim_scale(d."notSetValue")` },
    { key: "final", header: "Final", type: "boolean", sql: Prisma.sql`d.final` },
    { key: "computedAt", header: "Computed at", type: "timestamp", sql: Prisma.sql`d."computedAt"` },
  ],
  async from(workspaceId, filters) {
    const wdb = workspaceDb(workspaceId);
    await assertPairInWorkspace(wdb, filters.pairId);
    const threshold = filters.belowThreshold ? (await matchRateThreshold(wdb)).value.toString() : undefined;
    return Prisma.sql`FROM "ReconciliationDay" d
      WHERE d."workspaceId" = ${workspaceId} AND d."pairId" = ${filters.pairId}
      ${andIf(filters.from, (from) => Prisma.sql`d.date >= ${from}::date`)}
      ${andIf(filters.to, (to) => Prisma.sql`d.date <= ${to}::date`)}
      ${andIf(threshold, (value) => Prisma.sql`d."matchRate" < ${value}::numeric`)}`;
  },
});
