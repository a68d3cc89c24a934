import { Prisma } from "@/server/generated/prisma/client";
import { assertConnectionInWorkspace } from "@/server/services/orders/find-orders";
import { likeLiteral } from "@/server/services/orders/like";
import { findOrdersInput, type FindOrdersInput } from "@/server/services/orders/schema";
import { workspaceDb } from "@/server/db";
import { andIf, sqlSource } from "../keyset-sql";

// The Orders list's filters in SQL: the same terms as find-orders.ts and order-search.ts (a test
// compares the rows with the list's pages for each filter). A customer's name matches through the
// customer the order names (without the list's cap on how many customers a name may match).
function searchCondition(search: string | undefined): Prisma.Sql {
  const term = search?.trim().toLowerCase();
  if (!term) return Prisma.sql`TRUE`;
  const literal = likeLiteral(term);
  const names = term.startsWith("#") ? [literal] : [literal, `#${literal}`];
  const words = literal.split(/\s+/).map((word) => Prisma.sql`(cu."firstName" ILIKE ${`%${word}%`} OR cu."lastName" ILIKE ${`%${word}%`})`);
  const byCustomerName = Prisma.sql`EXISTS (SELECT 1 FROM "Customer" cu WHERE cu."workspaceId" = o."workspaceId" AND cu."connectionId" = o."connectionId"
    AND cu."externalId" = o."customerExternalId" AND cu."deletedAt" IS NULL AND cu."redactedAt" IS NULL AND ${Prisma.join(words, " AND ")})`;
  return Prisma.sql`(${Prisma.join(names.map((name) => Prisma.sql`o."nameLower" LIKE ${`${name}%`}`), " OR ")} OR o."emailLower" LIKE ${`${literal}%`} OR ${byCustomerName})`;
}

export const ordersSource = sqlSource<FindOrdersInput>({
  list: "orders",
  fileStem: "orders",
  requires: "data.read",
  filters: findOrdersInput,
  keyset: { column: Prisma.sql`o."processedAt"`, id: Prisma.sql`o.id`, direction: "desc", kind: "timestamp" },
  columns: [
    { key: "id", header: "Order id", type: "text", sql: Prisma.sql`o.id` },
    { key: "name", header: "Order", type: "text", sql: Prisma.sql`o.name` },
    { key: "processedAt", header: "Processed at", type: "timestamp", sql: Prisma.sql`o."processedAt"` },
    { key: "store", header: "Store", type: "text", sql: Prisma.sql`c."displayName"` },
    { key: "email", header: "Email", type: "text", sql: Prisma.sql`CASE WHEN o."redactedAt" IS NULL THEN o.email END` },
    { key: "financialStatus", header: "Payment", type: "text", sql: Prisma.sql`o."financialStatus"` },
    { key: "fulfillmentStatus", header: "Fulfilment", type: "text", sql: Prisma.sql`o."fulfillmentStatus"` },
    { key: "currency", header: "Currency", type: "text", sql: Prisma.sql`o.currency` },
    { key: "subtotal", header: "Subtotal", type: "decimal", sql: Prisma.sql`trim_scale(o.subtotal)` },
    { key: "totalTax", header: "Tax", type: "decimal", sql: Prisma.sql`trim_scale(o."totalTax")` },
    { key: "totalShipping", header: "Shipping", type: "decimal", sql: Prisma.sql`trim_scale(o."totalShipping")` },
    { key: "totalDiscounts", header: "Discounts", type: "decimal", sql: Prisma.sql`trim_scale(o."totalDiscounts")` },
    { key: "totalPrice", header: "Total", type: "decimal", sql: Prisma.sql`trim_scale(o."totalPrice")` },
    { key: "totalRefunded", header: "Refunded", type: "decimal", sql: Prisma.sql`trim_scale(o."totalRefunded")` },
    { key: "channel", header: "Channel", type: "text", sql: Prisma.sql`o.channel` },
    { key: "marketingSource", header: "Source", type: "text", sql: Prisma.sql`o."marketingSource"` },
    { key: "marketingMedium", header: "Medium", type: "text", sql: Prisma.sql`o."marketingMedium"` },
    { key: "tags", header: "Tags", type: "text", sql: Prisma.sql`array_to_string(o.tags, ', ')` },
    { key: "test", header: "Test", type: "boolean", sql: Prisma.sql`o.test` },
    { key: "cancelledAt", header: "Cancelled at", type: "timestamp", sql: Prisma.sql`o."cancelledAt"` },
  ],
  async from(workspaceId, filters) {
    await assertConnectionInWorkspace(workspaceDb(workspaceId), filters.connectionId);
    return Prisma.sql`FROM "Order" o JOIN "Connection" c ON c.id = o."connectionId"
      WHERE o."workspaceId" = ${workspaceId} AND o."deletedAt" IS NULL AND ${searchCondition(filters.search)}
      ${andIf(filters.financialStatus, (v) => Prisma.sql`o."financialStatus" = ${v}`)}
      ${andIf(filters.fulfillmentStatus, (v) => Prisma.sql`o."fulfillmentStatus" = ${v}`)}
      ${andIf(filters.connectionId, (v) => Prisma.sql`o."connectionId" = ${v}`)}
      ${andIf(filters.from, (v) => Prisma.sql`o."processedAt" >= ${v}`)}
      ${andIf(filters.to, (v) => Prisma.sql`o."processedAt" <= ${v}`)}`;
  },
});
