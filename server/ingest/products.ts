import type { ProductRecord } from "@/server/connectors/_core/records";
import {
  amountIn,
  checkedCounts,
  contentHash,
  EXTERNAL_KEY,
  lastPerKey,
  NEWER_VERSION_BY_HASH,
  newestPerKey,
  newId,
  NO_COUNTS,
  queryCountsSerialized,
  inputSets,
  joinedTags,
  TAGS_FROM_INPUT,
  removedChildrenSql,
  set,
  upsertSql,
  type IngestCounts,
  type IngestScope,
  versionOf,
} from "./shared";
import type { IngestTransaction } from "./pool";
import { DELETED_AT_FROM_TOMBSTONE, INPUT_WITH_TOMBSTONES, tombstonesCte, WRITTEN_STATE, writtenCounts } from "./tombstones";

// Products and their variants in one statement, with the same rules as orders (see orders.ts):
// variants are written only with a product that wins, and an updated product's variants become
// exactly the incoming ones when it carries all of them (variantsComplete); a product that carries
// only some has those upserted and the others kept.

const PRODUCT_INPUT = [
  ["id", "text"],
  ["externalId", "text"],
  ["title", "text"],
  ["handle", "text"],
  ["vendor", "text"],
  ["productType", "text"],
  ["status", "text"],
  ["tags", "text"],
  ["sourceCreatedAt", "timestamptz"],
  ["sourceUpdatedAt", "timestamptz"],
  ["observedAt", "timestamptz"],
  ["sourceHash", "text"],
  ["variantsComplete", "boolean"],
] as const;

const VARIANT_INPUT = [
  ["id", "text"],
  ["productExternalId", "text"],
  ["externalId", "text"],
  ["inventoryItemExternalId", "text"],
  ["title", "text"],
  ["sku", "text"],
  ["barcode", "text"],
  ["price", "numeric"],
  ["compareAtPrice", "numeric"],
  ["currency", "text"],
  ["position", "integer"],
  ["sourceUpdatedAt", "timestamptz"],
] as const;

const INPUT = inputSets({ products: PRODUCT_INPUT, variants: VARIANT_INPUT });

const INGEST_PRODUCTS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.products}),
  variant_input AS (SELECT * FROM ${INPUT.sql.variants}),
  ${tombstonesCte("product")},
  products AS (${upsertSql({
    table: "Product",
    idFrom: `i."id"`,
    from: INPUT_WITH_TOMBSTONES,
    conflict: EXTERNAL_KEY,
    where: NEWER_VERSION_BY_HASH,
    returning: `t."id", t."externalId", ${WRITTEN_STATE}`,
    columns: [
      set("externalId"),
      set("title"),
      set("titleLower", `lower(i."title")`),
      set("handle"),
      set("vendor"),
      set("productType"),
      set("status"),
      set("tags", TAGS_FROM_INPUT),
      set("sourceCreatedAt"),
      set("sourceUpdatedAt"),
      set("observedAt"),
      set("sourceHash"),
      DELETED_AT_FROM_TOMBSTONE,
    ],
  })}),
  complete_products AS (SELECT p.* FROM products p JOIN input i ON i."externalId" = p."externalId" WHERE i."variantsComplete"),
  variants AS (${upsertSql({
    table: "ProductVariant",
    idFrom: `i."id"`,
    from: `variant_input i JOIN products p ON p."externalId" = i."productExternalId"`,
    conflict: EXTERNAL_KEY,
    returning: `t."productId", t."externalId"`,
    columns: [
      set("productId", `p."id"`),
      set("externalId"),
      set("inventoryItemExternalId"),
      set("title"),
      set("sku"),
      set("barcode"),
      set("price"),
      set("compareAtPrice"),
      set("currency"),
      set("position"),
      set("sourceUpdatedAt"),
    ],
  })}),
  variants_removed AS (${removedChildrenSql({ table: "ProductVariant", parentCte: "complete_products", foreignKey: "productId", writtenCte: "variants" })})
SELECT
  ${writtenCounts("products")},
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p."externalId" = i."externalId"))::int AS unchanged,
  (SELECT count(*) FROM variants)::int AS "childrenWritten",
  (SELECT count(*) FROM variants_removed)::int AS "childrenRemoved"`;

/** Product counts, plus the variant rows written and removed. */
export type ProductIngestCounts = IngestCounts & { childrenWritten: number; childrenRemoved: number };

/** Upserts products with their variants, atomically (same rules as ingestOrders, but see variantsComplete). */
export async function ingestProducts(scope: IngestScope, products: readonly ProductRecord[], tx?: IngestTransaction): Promise<ProductIngestCounts> {
  if (products.length === 0) return { ...NO_COUNTS, childrenWritten: 0, childrenRemoved: 0 };
  const { records, dropped } = newestPerKey(products, (p) => p.externalId, versionOf);
  const productRows = [];
  const variantRows = [];
  for (const product of records) {
    productRows.push({
      id: newId(),
      externalId: product.externalId,
      title: product.title,
      handle: product.handle,
      vendor: product.vendor,
      productType: product.productType,
      status: product.status,
      tags: joinedTags(product.tags, `product ${product.externalId}`),
      sourceCreatedAt: product.sourceCreatedAt,
      sourceUpdatedAt: product.sourceUpdatedAt,
      observedAt: product.observedAt,
      sourceHash: contentHash(product),
      variantsComplete: product.variantsComplete,
    });
    for (const variant of lastPerKey(product.variants, (v) => v.externalId)) {
      const currency = variant.price?.currency ?? variant.compareAtPrice?.currency ?? null;
      variantRows.push({
        id: newId(),
        productExternalId: product.externalId,
        externalId: variant.externalId,
        inventoryItemExternalId: variant.inventoryItemExternalId,
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        price: variant.price?.amount ?? null,
        compareAtPrice: currency === null ? null : amountIn(currency, variant.compareAtPrice, `product ${product.externalId} variant ${variant.externalId}`),
        currency,
        position: variant.position,
        sourceUpdatedAt: variant.sourceUpdatedAt,
      });
    }
  }
  const result = await queryCountsSerialized<{ inserted: number; updated: number; deleted: number; unchanged: number; childrenWritten: number; childrenRemoved: number }>(
    scope,
    INGEST_PRODUCTS_SQL,
    [scope.workspaceId, scope.connectionId, ...INPUT.params({ products: productRows, variants: variantRows })],
    tx,
  );
  const counts = checkedCounts("products", {
    read: products.length,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged + dropped,
    deleted: result.deleted,
  });
  return { ...counts, childrenWritten: result.childrenWritten, childrenRemoved: result.childrenRemoved };
}
