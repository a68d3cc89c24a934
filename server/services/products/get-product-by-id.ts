import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { amountOf } from "@/server/services/orders/money";
import type { ProductIdInput } from "./schema";
import { inventoryLevelsOf } from "./variant-inventory";

export type VariantStock = {
  locationId: string | null;
  locationName: string;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
};

export type ProductVariantView = {
  id: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  /** Null when the provider keeps no prices (a 3PL's catalogue). */
  price: string | null;
  compareAtPrice: string | null;
  currency: string | null;
  inventory: VariantStock[];
  totalAvailable: number | null;
};

export type ProductDetail = {
  id: string;
  title: string;
  status: string;
  handle: string | null;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  connection: { id: string; displayName: string };
  sourceCreatedAt: Date;
  sourceUpdatedAt: Date;
  variants: ProductVariantView[];
};

// Three queries: the product with its variants, their inventory levels, and those levels' locations.
export async function getProductById(wdb: WorkspaceDb, input: ProductIdInput): Promise<ProductDetail> {
  const product = await wdb.product.findFirst({
    where: { id: input.productId, deletedAt: null },
    include: {
      connection: { select: { id: true, displayName: true } },
      variants: { orderBy: [{ position: { sort: "asc", nulls: "last" } }, { id: "asc" }] },
    },
  });
  if (!product) throw new AppError("NOT_FOUND", "Product not found.");
  const levels = await inventoryLevelsOf(wdb, product.variants);
  const locationIds = [...new Set(levels.rows.map((level) => level.locationExternalId))];
  const locations = locationIds.length
    ? await wdb.location.findMany({
        where: { connectionId: product.connectionId, externalId: { in: locationIds } },
        select: { id: true, externalId: true, name: true },
      })
    : [];
  const locationOf = new Map(locations.map((location) => [location.externalId, location]));

  return {
    id: product.id,
    title: product.title,
    status: product.status,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    connection: product.connection,
    sourceCreatedAt: product.sourceCreatedAt,
    sourceUpdatedAt: product.sourceUpdatedAt,
    variants: product.variants.map((variant) => {
      const inventory = levels
        .of(variant)
        .map((level): VariantStock => {
          const location = locationOf.get(level.locationExternalId);
          return {
            locationId: location?.id ?? null,
            // A level can arrive before its location does.
            locationName: location?.name ?? "Unknown location",
            available: level.available,
            onHand: level.onHand,
            committed: level.committed,
            incoming: level.incoming,
          };
        })
        .sort((a, b) => a.locationName.localeCompare(b.locationName));
      return {
        id: variant.id,
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        price: amountOf(variant.price),
        compareAtPrice: amountOf(variant.compareAtPrice),
        currency: variant.currency,
        inventory,
        totalAvailable: inventory.length ? inventory.reduce((sum, s) => sum + s.available, 0) : null,
      };
    }),
  };
}
