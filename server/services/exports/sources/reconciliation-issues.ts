import { Prisma } from "@/server/generated/prisma/client";
import { workspaceDb } from "@/server/db";
import { assertPairInWorkspace } from "@/server/services/reconciliation/get-reconciliation-pair";
import { findReconciliationIssuesInput, type FindReconciliationIssuesInput } from "@/server/services/reconciliation/schema";
import { andIf, sqlSource } from "../keyset-sql";

// A pair's issues of one kind (find-reconciliation-issues.ts) in SQL, newest day first: for
// MISSING_IN_ANALYTICS, the store's order ids GA4 never saw.
export const reconciliationIssuesSource = sqlSource<FindReconciliationIssuesInput>({
  list: "reconciliation-issues",
  fileStem: "reconciliation-issues",
  requires: "data.read",
  filters: findReconciliationIssuesInput,
  keyset: { column: Prisma.sql`i.date`, id: Prisma.sql`i.id`, direction: "desc", kind: "date" },
  columns: [
    { key: "date", header: "Date", type: "date", sql: Prisma.sql`i.date::text` },
    { key: "kind", header: "Issue", type: "text", sql: Prisma.sql`i.kind::text` },
    { key: "orderId", header: "Order id", type: "text", sql: Prisma.sql`i."orderId"` },
    { key: "orderName", header: "Order", type: "text", sql: Prisma.sql`i."orderName"` },
    { key: "transactionId", header: "Transaction id", type: "text", sql: Prisma.sql`i."transactionId"` },
    { key: "currency", header: "Currency", type: "text", sql: Prisma.sql`i.currency` },
    { key: "storeValue", header: "Store value", type: "decimal", sql: Prisma.sql`trim_scale(i."storeValue")` },
    { key: "analyticsCurrency", header: "Analytics currency", type: "text", sql: Prisma.sql`i."analyticsCurrency"` },
    { key: "analyticsValue", header: "Analytics value", type: "decimal", sql: Prisma.sql`trim_scale(i."analyticsValue")` },
    { key: "difference", header: "Difference", type: "decimal", sql: Prisma.sql`trim_scale(i.difference)` },
    { key: "explanation", header: "Explanation", type: "text", sql: Prisma.sql`i.explanation` },
    { key: "occurrences", header: "Occurrences", type: "integer", sql: Prisma.sql`i.occurrences` },
    { key: "channel", header: "Channel", type: "text", sql: Prisma.sql`i.channel` },
    { key: "source", header: "Source / medium", type: "text", sql: Prisma.sql`i.source` },
    { key: "device", header: "Device", type: "text", sql: Prisma.sql`i.device` },
  ],
  async from(workspaceId, filters) {
    await assertPairInWorkspace(workspaceDb(workspaceId), filters.pairId);
    return Prisma.sql`FROM "ReconciliationIssue" i
      WHERE i."workspaceId" = ${workspaceId} AND i."pairId" = ${filters.pairId} AND i.kind = ${filters.kind}::"ReconciliationIssueKind"
      ${andIf(filters.date, (date) => Prisma.sql`i.date = ${date}::date`)}
      ${andIf(filters.from, (from) => Prisma.sql`i.date >= ${from}::date`)}
      ${andIf(filters.to, (to) => Prisma.sql`i.date <= ${to}::date`)}`;
  },
});
