import { providerName } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import { likeLiteral } from "@/server/services/orders/like";
import { keysetOn } from "@/server/services/pagination";
import type { FindProductsInput } from "./schema";
import { inventoryLevelsOf } from "./variant-inventory";

export type ProductListItem = {
  id: string;
  title: string;
  status: string;
  vendor: string | null;
  productType: string | null;
  /** Where it comes from: a store and a warehouse can both list one product. */
  connection: { id: string; displayName: string; providerName: string };
  variantCount: number;
  // Sum of `available` over every variant and location; null when no level is synced.
  totalAvailable: number | null;
};

const byTitle = keysetOn("title", "text");

// Alphabetical, keyset on (title asc, id asc), which the Product index covers. Three queries per
// page whatever its size: products, their variants, those variants' inventory levels.
export async function findProducts(wdb: WorkspaceDb, input: FindProductsInput) {
  const term = input.search?.trim().toLowerCase();
  const rows = await wdb.product.findMany({
    where: {
      AND: [
        { deletedAt: null },
        term ? { titleLower: { contains: likeLiteral(term) } } : {},
        input.status ? { status: input.status } : {},
        input.cursor ? byTitle.after(input.cursor, "asc") : {},
      ],
    },
    orderBy: byTitle.orderBy("asc"),
    take: input.limit + 1,
    select: {
      id: true,
      title: true,
      status: true,
      vendor: true,
      productType: true,
      connection: { select: { id: true, displayName: true, provider: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const variants = page.length
    ? await wdb.productVariant.findMany({
        where: { productId: { in: page.map((p) => p.id) } },
        select: { productId: true, connectionId: true, inventoryItemExternalId: true },
      })
    : [];
  const levels = await inventoryLevelsOf(wdb, variants);

  return byTitle.toPage(rows, input.limit, (row): ProductListItem => {
    const own = variants.filter((v) => v.productId === row.id);
    const ownLevels = own.flatMap((v) => levels.of(v));
    const { provider, ...connection } = row.connection;
    return {
      ...row,
      connection: { ...connection, providerName: providerName(provider) },
      variantCount: own.length,
      totalAvailable: ownLevels.length ? ownLevels.reduce((sum, level) => sum + level.available, 0) : null,
    };
  });
}
