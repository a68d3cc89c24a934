import { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";
import { findProductsInput, type FindProductsInput } from "@/server/services/products/schema";
import { andIf, sqlSource } from "../keyset-sql";

// The Products list (find-products.ts) in SQL: alphabetical, with each product's variant count and
// its available stock summed over every variant and location (null when no level is synced).
export const productsSource = sqlSource<FindProductsInput>({
  list: "products",
  fileStem: "products",
  requires: "data.read",
  filters: findProductsInput,
  keyset: { column: Prisma.sql`p.title`, id: Prisma.sql`p.id`, direction: "asc", kind: "text" },
  columns: [
    { key: "id", header: "Product id", type: "text", sql: Prisma.sql`p.id` },
    { key: "title", header: "Title", type: "text", sql: Prisma.sql`p.title` },
    { key: "status", header: "Status", type: "text", sql: Prisma.sql`p.status` },
    { key: "vendor", header: "Vendor", type: "text", sql: Prisma.sql`p.vendor` },
    { key: "productType", header: "Type", type: "text", sql: Prisma.sql`p."productType"` },
    { key: "source", header: "Source", type: "text", sql: Prisma.sql`k."displayName"` },
    { key: "variantCount", header: "Variants", type: "integer", sql: Prisma.sql`(SELECT count(*)::int FROM "ProductVariant" v WHERE v."productId" = p.id)` },
    {
      key: "totalAvailable",
      header: "Available",
      type: "integer",
      sql: Prisma.sql`(SELECT sum(l.available)::int FROM "ProductVariant" v JOIN "InventoryLevel" l
        ON l."workspaceId" = v."workspaceId" AND l."connectionId" = v."connectionId" AND l."inventoryItemExternalId" = v."inventoryItemExternalId"
        WHERE v."productId" = p.id)`,
    },
  ],
  async from(workspaceId, filters) {
    const term = filters.search?.trim().toLowerCase() || undefined;
    return Prisma.sql`FROM "Product" p JOIN "Connection" k ON k.id = p."connectionId"
      WHERE p."workspaceId" = ${workspaceId} AND p."deletedAt" IS NULL
      ${andIf(term, (t) => Prisma.sql`(p."titleLower" LIKE ${`%${likeLiteral(t)}%`} OR EXISTS (SELECT 1 FROM "ProductVariant" v WHERE v."productId" = p.id AND v.sku ILIKE ${`%${likeLiteral(t)}%`}))`)}
      ${andIf(filters.status, (status) => Prisma.sql`p.status = ${status}`)}`;
  },
});
