// A connection to a sandbox Shopify shop in tests and benchmarks: one installed on the shop, and
// the comparison of what the connection stored with what the shop holds (the sandbox's snapshot
// through a projection of the fields the database keeps, and the same projection over the rows).
import { ALL_SCOPES, checksumOf, type SandboxShop, type StoreSnapshot } from "@/dev/sandbox/shopify";
import { buildConnection } from "@/prisma/factories/connections";
import { db } from "@/server/db";
import { sealOAuthCredentials } from "@/server/services/connections/credentials";

const money = (amount: { toString(): string } | string | null) => (amount === null ? null : Number(amount.toString()).toFixed(2));
/** Shopify's DateTime has whole seconds. */
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const byId = (a: { externalId: string }, b: { externalId: string }) => Number(a.externalId) - Number(b.externalId);

/** A SHOPIFY connection holding a fresh token pair of the shop (stored expiry `expiresInMs` from now). */
export async function installedConnection(workspaceId: string, shop: SandboxShop, options: { scopes?: string[]; expiresInMs?: number } = {}) {
  const scopes = options.scopes ?? ALL_SCOPES;
  const issued = shop.install(scopes);
  return buildConnection(workspaceId, {
    provider: "SHOPIFY",
    externalAccountId: shop.domain,
    encryptedCredentials: sealOAuthCredentials({
      accessToken: issued.access_token,
      accessTokenExpiresAt: new Date(Date.now() + (options.expiresInMs ?? 3_600_000)).toISOString(),
      refreshToken: issued.refresh_token,
      refreshTokenExpiresAt: null,
      scopes,
    }),
  });
}

/** What of each record the comparison covers: ids, parent links, timestamps, amounts, quantities. */
export function shopSnapshot(shop: SandboxShop): StoreSnapshot {
  return shop.snapshot({
    orders: (o) => [String(o.id), o.name, iso(o.updatedAt), money(o.totalPrice), money(o.currentTotalPrice), o.customerId === null ? null : String(o.customerId)],
    lineItems: (l, o) => [String(o.id), String(l.id), l.quantity, l.currentQuantity, money(l.unitPrice)],
    refunds: (r, o) => [String(o.id), String(r.id), money(r.total), r.lineItems.map((x) => [String(x.lineItemId), x.quantity])],
    transactions: (t, o) => [String(o.id), String(t.id)],
    customers: (c) => [String(c.id), c.email, iso(c.updatedAt)],
    products: (p) => [String(p.id), p.title, iso(p.updatedAt)],
    variants: (v, p) => [String(p.id), String(v.id), v.sku, money(v.price)],
    locations: (l) => [String(l.id), l.name],
    inventoryLevels: (l) => [String(l.inventoryItemId), String(l.locationId), l.quantities.available, l.quantities.on_hand, l.quantities.committed, l.quantities.incoming],
  });
}

/**
 * The connection's live orders with their children, a page at a time: Prisma loads a page's
 * relations with one query parameter per order, and PostgreSQL takes at most 65,535.
 */
async function liveOrders(connectionId: string) {
  const orders = [];
  for (let after: string | undefined; ; ) {
    const page = await db.order.findMany({
      where: { connectionId, deletedAt: null, ...(after === undefined ? {} : { id: { gt: after } }) },
      include: { lineItems: true, refunds: true, transactions: true },
      orderBy: { id: "asc" },
      take: 5_000,
    });
    orders.push(...page);
    if (page.length < 5_000) return orders;
    after = page.at(-1)!.id;
  }
}

/** The same projection over the connection's live (not deleted) rows. */
export async function databaseSnapshot(connectionId: string): Promise<StoreSnapshot> {
  const where = { connectionId, deletedAt: null };
  const orders = (await liveOrders(connectionId)).sort(byId);
  const customers = (await db.customer.findMany({ where })).sort(byId);
  const products = (await db.product.findMany({ where, include: { variants: true } })).sort(byId);
  const locations = (await db.location.findMany({ where: { connectionId } })).sort(byId);
  // Shopify drops a deleted product's inventory items; the rows here stay, keyed to a deleted
  // product's variants, and are no live stock (see the report on applyDeletions).
  const deletedItems = new Set(
    (await db.productVariant.findMany({ where: { connectionId, product: { deletedAt: { not: null } } }, select: { inventoryItemExternalId: true } })).map((v) => v.inventoryItemExternalId),
  );
  const levels = (await db.inventoryLevel.findMany({ where: { connectionId } })).filter((l) => !deletedItems.has(l.inventoryItemExternalId)).sort(
    (a, b) => Number(a.inventoryItemExternalId) - Number(b.inventoryItemExternalId) || Number(a.locationExternalId) - Number(b.locationExternalId),
  );
  const rows: Record<string, unknown[]> = {
    orders: orders.map((o) => [o.externalId, o.name, o.sourceUpdatedAt.toISOString(), money(o.totalPrice), money(o.currentTotalPrice), o.customerExternalId]),
    lineItems: orders.flatMap((o) => [...o.lineItems].sort(byId).map((l) => [o.externalId, l.externalId, l.quantity, l.currentQuantity, money(l.unitPrice)])),
    refunds: orders.flatMap((o) =>
      [...o.refunds].sort(byId).map((r) => [o.externalId, r.externalId, money(r.total), (r.lineItems as { lineItemExternalId: string; quantity: number }[]).map((x) => [x.lineItemExternalId, x.quantity])]),
    ),
    transactions: orders.flatMap((o) => [...o.transactions].sort(byId).map((t) => [o.externalId, t.externalId])),
    customers: customers.map((c) => [c.externalId, c.email, c.sourceUpdatedAt.toISOString()]),
    products: products.map((p) => [p.externalId, p.title, p.sourceUpdatedAt.toISOString()]),
    variants: products.flatMap((p) => [...p.variants].sort(byId).map((v) => [p.externalId, v.externalId, v.sku, money(v.price)])),
    locations: locations.map((l) => [l.externalId, l.name]),
    inventoryLevels: levels.map((l) => [l.inventoryItemExternalId, l.locationExternalId, l.available, l.onHand, l.committed, l.incoming]),
  };
  const counts: Record<string, number> = {};
  const checksums: Record<string, string> = {};
  for (const [name, values] of Object.entries(rows)) {
    if (values.length === 0) continue;
    counts[name] = values.length;
    checksums[name] = checksumOf(values);
  }
  return { counts, checksums };
}

/** Line items whose order is missing or deleted, and orders whose line items are not all there. */
export async function orphans(connectionId: string, shop: SandboxShop): Promise<{ lineItemsWithoutOrder: number; ordersMissingLineItems: number }> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "OrderLineItem" l LEFT JOIN "Order" o ON o."id" = l."orderId"
    WHERE l."connectionId" = ${connectionId} AND (o."id" IS NULL OR o."deletedAt" IS NOT NULL)`;
  const stored = new Map(
    (await db.$queryRaw<{ externalId: string; n: number }[]>`
      SELECT o."externalId", count(l."id")::int AS n FROM "Order" o LEFT JOIN "OrderLineItem" l ON l."orderId" = o."id"
      WHERE o."connectionId" = ${connectionId} AND o."deletedAt" IS NULL GROUP BY o."externalId"`).map((r) => [r.externalId, r.n]),
  );
  let ordersMissingLineItems = 0;
  for (const order of shop.store.orders.records()) if (stored.get(String(order.id)) !== order.lineItems.length) ordersMissingLineItems++;
  return { lineItemsWithoutOrder: row?.n ?? -1, ordersMissingLineItems };
}

/**
 * How the connection's rows differ from the shop, one line per resource whose count or checksum
 * differs, and for live orders missing line items: empty when the database equals the shop. (A
 * deleted order keeps its line items, as server/ingest/deletions.ts keeps children: the snapshot's
 * line items are the live orders'.)
 */
export async function differencesFromShop(connectionId: string, shop: SandboxShop): Promise<string[]> {
  const expected = shopSnapshot(shop);
  const actual = await databaseSnapshot(connectionId);
  const differences: string[] = [];
  for (const name of new Set([...Object.keys(expected.counts), ...Object.keys(actual.counts)])) {
    const [want, have] = [expected.counts[name] ?? 0, actual.counts[name] ?? 0];
    if (want !== have) differences.push(`${name}: ${have} stored, ${want} in the shop`);
    else if (expected.checksums[name] !== actual.checksums[name]) differences.push(`${name}: ${have} stored, some differing from the shop's`);
  }
  const { ordersMissingLineItems } = await orphans(connectionId, shop);
  if (ordersMissingLineItems > 0) differences.push(`${ordersMissingLineItems} orders without all their line items`);
  return differences;
}
