import "server-only";
import { mapRestProduct } from "@/server/connectors/shopify/rest-mapper";
import { db } from "@/server/db";
import { ingestProducts, type IngestCounts, type IngestScope } from "@/server/ingest";

export type ProductWebhookResult = { counts: IngestCounts } | { ignored: string };

/**
 * products/create, products/update: the product with the variants the payload carries (the first
 * 100; the others stay as stored, see mapRestProduct). Variant prices in the payload are bare
 * amounts in the shop's currency, which the payload does not name: it is the currency of what the
 * sync already stored for this shop. Before the first sync stored anything the product is left to
 * that sync.
 */
export async function applyProductWebhook(scope: IngestScope, payload: unknown, observedAt: string): Promise<ProductWebhookResult> {
  const currency = await storedShopCurrency(scope);
  if (!currency) return { ignored: "The shop's currency is not known before its first sync; the sync will bring this product." };
  return { counts: await ingestProducts(scope, [mapRestProduct(payload, currency, observedAt)]) };
}

async function storedShopCurrency(scope: IngestScope): Promise<string | null> {
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  const variant = await db.productVariant.findFirst({ where, select: { currency: true } });
  if (variant) return variant.currency;
  const order = await db.order.findFirst({ where, select: { currency: true } });
  return order?.currency ?? null;
}
