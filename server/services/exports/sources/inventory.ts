import { Prisma } from "@/server/generated/prisma/client";
import { workspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { findInventoryLevelsInput, type FindInventoryLevelsInput } from "@/server/services/inventory/schema";
import { likeLiteral } from "@/server/services/orders/like";
import { andIf, sqlSource } from "../keyset-sql";

// The stock at one location (find-inventory-levels.ts) in SQL, lowest available first. Its search
// matches the same variants (SKU prefix, variant or product title); unlike the page, which resolves
// at most INVENTORY_SEARCH_CAP variants first, the export takes every match.
export const inventorySource = sqlSource<FindInventoryLevelsInput>({
  list: "inventory",
  fileStem: "inventory",
  requires: "data.read",
  filters: findInventoryLevelsInput,
  keyset: { column: Prisma.sql`l.available`, id: Prisma.sql`l.id`, direction: "asc", kind: "integer" },
  columns: [
    { key: "sku", header: "SKU", type: "text", sql: Prisma.sql`v.sku` },
    { key: "product", header: "Product", type: "text", sql: Prisma.sql`CASE WHEN p."deletedAt" IS NULL THEN p.title END` },
    { key: "variant", header: "Variant", type: "text", sql: Prisma.sql`v.title` },
    { key: "location", header: "Location", type: "text", sql: Prisma.sql`loc.name` },
    { key: "available", header: "Available", type: "integer", sql: Prisma.sql`l.available` },
    { key: "onHand", header: "On hand", type: "integer", sql: Prisma.sql`l."onHand"` },
    { key: "committed", header: "Committed", type: "integer", sql: Prisma.sql`l.committed` },
    { key: "incoming", header: "Incoming", type: "integer", sql: Prisma.sql`l.incoming` },
  ],
  async from(workspaceId, filters) {
    const location = await workspaceDb(workspaceId).location.findFirst({ where: { id: filters.locationId }, select: { id: true } });
    if (!location) throw new AppError("NOT_FOUND", "Location not found.");
    const search = filters.search?.trim().toLowerCase() || undefined;
    return Prisma.sql`FROM "InventoryLevel" l
      JOIN "Location" loc ON loc.id = ${location.id} AND loc."connectionId" = l."connectionId" AND loc."externalId" = l."locationExternalId"
      LEFT JOIN LATERAL (
        SELECT v.sku, v.title, v."productId" FROM "ProductVariant" v
        WHERE v."workspaceId" = l."workspaceId" AND v."connectionId" = l."connectionId" AND v."inventoryItemExternalId" = l."inventoryItemExternalId"
        LIMIT 1
      ) v ON TRUE
      LEFT JOIN "Product" p ON p.id = v."productId"
      WHERE l."workspaceId" = ${workspaceId}
      ${andIf(search, (term) => {
        const literal = likeLiteral(term);
        return Prisma.sql`EXISTS (SELECT 1 FROM "ProductVariant" sv JOIN "Product" sp ON sp.id = sv."productId"
          WHERE sv."workspaceId" = l."workspaceId" AND sv."connectionId" = l."connectionId" AND sv."inventoryItemExternalId" = l."inventoryItemExternalId"
            AND sp."deletedAt" IS NULL
            AND (sv.sku ILIKE ${`${literal}%`} OR sv.title ILIKE ${`%${literal}%`} OR sp."titleLower" LIKE ${`%${literal}%`}))`;
      })}
      ${andIf(filters.lowStockAt, (at) => Prisma.sql`l.available <= ${at}`)}`;
  },
});
