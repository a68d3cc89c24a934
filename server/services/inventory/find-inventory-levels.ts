import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { likeLiteral } from "@/server/services/orders/like";
import type { Prisma } from "@/server/generated/prisma/client";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP } from "@/server/services/pagination";
import { INVENTORY_SORTS, type FindInventoryLevelsInput, type InventorySort } from "./schema";

export type InventoryRow = {
  id: string;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
  // Null while the level's variant has not been synced (levels and products are separate streams).
  variant: { id: string; title: string; sku: string | null } | null;
  product: { id: string; title: string } | null;
};

// How many matching variants a search may narrow the levels to. Inventory levels name their
// variant by (connectionId, inventoryItemExternalId) with no foreign key, so a search resolves
// to variant ids first; a broader search is asked to be narrowed rather than read in full.
export const INVENTORY_SEARCH_CAP = 2000;

const SORTS = listSorts<InventorySort>({ available: keysetOn("available", "integer"), onHand: keysetOn("onHand", "integer") }, INVENTORY_SORTS, "available");

// The stock at one location in the chosen sort (lowest available first by default: what needs
// attention leads), paging either way, with the filtered total counted up to its cap.
export async function findInventoryLevels(wdb: WorkspaceDb, input: FindInventoryLevelsInput) {
  const location = await wdb.location.findFirst({ where: { id: input.locationId }, select: { connectionId: true, externalId: true } });
  if (!location) throw new AppError("NOT_FOUND", "Location not found.");

  const search = input.search?.trim().toLowerCase();
  const term = search ? likeLiteral(search) : undefined;
  let itemIds: string[] | undefined;
  let searchTruncated = false;
  if (term) {
    const matches = await wdb.productVariant.findMany({
      where: {
        connectionId: location.connectionId,
        inventoryItemExternalId: { not: null },
        product: { deletedAt: null },
        OR: [
          { sku: { startsWith: term, mode: "insensitive" } },
          { title: { contains: term, mode: "insensitive" } },
          { product: { titleLower: { contains: term } } },
        ],
      },
      orderBy: { id: "asc" },
      take: INVENTORY_SEARCH_CAP + 1,
      select: { inventoryItemExternalId: true },
    });
    searchTruncated = matches.length > INVENTORY_SEARCH_CAP;
    itemIds = matches.slice(0, INVENTORY_SEARCH_CAP).flatMap((m) => (m.inventoryItemExternalId ? [m.inventoryItemExternalId] : []));
  }

  const where: Prisma.InventoryLevelWhereInput = {
    AND: [
      { connectionId: location.connectionId, locationExternalId: location.externalId },
      itemIds ? { inventoryItemExternalId: { in: itemIds } } : {},
      input.lowStockAt !== undefined ? { available: { lte: input.lowStockAt } } : {},
    ],
  };
  const [{ keyset, rows }, counted] = await Promise.all([
    SORTS.read(input, input, (query) =>
      wdb.inventoryLevel.findMany({
        where: { AND: [where, query.where as Prisma.InventoryLevelWhereInput] },
        orderBy: query.orderBy as Prisma.InventoryLevelOrderByWithRelationInput[],
        take: query.take,
      }),
    ),
    wdb.inventoryLevel.count({ where, take: TOTAL_CAP + 1 }),
  ]);
  const pageItemIds = rows.slice(0, input.limit).map((row) => row.inventoryItemExternalId);
  const variants = pageItemIds.length
    ? await wdb.productVariant.findMany({
        where: { connectionId: location.connectionId, inventoryItemExternalId: { in: pageItemIds } },
        select: { id: true, title: true, sku: true, inventoryItemExternalId: true, product: { select: { id: true, title: true, deletedAt: true } } },
      })
    : [];
  const variantOf = new Map(variants.map((v) => [v.inventoryItemExternalId, v]));

  const page = keyset.twoWay(rows, input, (row): InventoryRow => {
    const variant = variantOf.get(row.inventoryItemExternalId);
    return {
      id: row.id,
      available: row.available,
      onHand: row.onHand,
      committed: row.committed,
      incoming: row.incoming,
      variant: variant ? { id: variant.id, title: variant.title, sku: variant.sku } : null,
      product: variant && !variant.product.deletedAt ? { id: variant.product.id, title: variant.product.title } : null,
    };
  });
  return { ...page, total: cappedTotal(counted), searchTruncated };
}
