import { providerName } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP } from "@/server/services/pagination";
import { PRODUCT_SORTS, type FindProductsInput, type ProductListInput, type ProductSort } from "./schema";
import { inventoryLevelsOf } from "./variant-inventory";

export type ProductListItem = {
  id: string;
  title: string;
  status: string;
  vendor: string | null;
  productType: string | null;
  /** When the source last changed it. */
  updatedAt: Date;
  /** Where it comes from: a store and a warehouse can both list one product. */
  connection: { id: string; displayName: string; providerName: string };
  variantCount: number;
  // Sum of `available` over every variant and location; null when no level is synced.
  totalAvailable: number | null;
};

// Each sort on an index of Product (workspaceId, column, id), read forwards or backwards.
export const PRODUCT_LIST_SORTS = listSorts<ProductSort>({ title: keysetOn("title", "text"), updated: keysetOn("sourceUpdatedAt") }, PRODUCT_SORTS, "title");

/** The columns a row needs for its cursor in any of the sorts. */
export const PRODUCT_SORT_COLUMNS = { id: true, title: true, sourceUpdatedAt: true } as const;

// A search finds a product by a word of its title or of one of its variants' SKUs (case-insensitive,
// anywhere in them: trigram indexes answer the ILIKE).
function productSearchWhere(search: string | undefined): Prisma.ProductWhereInput {
  const term = search?.trim().toLowerCase();
  if (!term) return {};
  const literal = likeLiteral(term);
  return { OR: [{ titleLower: { contains: literal } }, { variants: { some: { sku: { contains: literal, mode: "insensitive" } } } }] };
}

/** The live products the Products list shows for its search and status. */
export function productListWhere(input: ProductListInput): Prisma.ProductWhereInput {
  return { AND: [{ deletedAt: null }, productSearchWhere(input.search), input.status ? { status: input.status } : {}] };
}

// Alphabetical by default. Four reads per page whatever its size: the total, products (up to three
// index ranges past a cursor, keysetOn's read), their variants, those variants' inventory levels.
export async function findProducts(wdb: WorkspaceDb, input: FindProductsInput) {
  const where = productListWhere(input);
  const [{ keyset, rows }, counted] = await Promise.all([
    PRODUCT_LIST_SORTS.read(input, input, (query) =>
      wdb.product.findMany({
        where: { AND: [where, query.where as Prisma.ProductWhereInput] },
        orderBy: query.orderBy as Prisma.ProductOrderByWithRelationInput[],
        take: query.take,
        select: {
          ...PRODUCT_SORT_COLUMNS,
          status: true,
          vendor: true,
          productType: true,
          connection: { select: { id: true, displayName: true, provider: true } },
        },
      }),
    ),
    wdb.product.count({ where, take: TOTAL_CAP + 1 }),
  ]);
  const page = rows.slice(0, input.limit);
  const variants = page.length
    ? await wdb.productVariant.findMany({
        where: { productId: { in: page.map((p) => p.id) } },
        select: { productId: true, connectionId: true, inventoryItemExternalId: true },
      })
    : [];
  const levels = await inventoryLevelsOf(wdb, variants);

  const result = keyset.twoWay(rows, input, ({ sourceUpdatedAt, ...row }): ProductListItem => {
    const own = variants.filter((v) => v.productId === row.id);
    const ownLevels = own.flatMap((v) => levels.of(v));
    const { provider, ...connection } = row.connection;
    return {
      ...row,
      updatedAt: sourceUpdatedAt,
      connection: { ...connection, providerName: providerName(provider) },
      variantCount: own.length,
      totalAvailable: ownLevels.length ? ownLevels.reduce((sum, level) => sum + level.available, 0) : null,
    };
  });
  return { ...result, total: cappedTotal(counted) };
}
