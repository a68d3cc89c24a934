// Which copy of a record wins, over the real path: the sandbox Shopify signs and POSTs deliveries
// (with their X-Shopify-Triggered-At) to the intake, the local Inngest runner runs
// process-webhook, and sync reads go through the connector against the same sandbox.
// Shopify's REST timestamps are whole seconds, so two versions of an order can share updated_at.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type SandboxShop, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { serveWebhookIntake, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { PROCESS_WEBHOOK_FUNCTION_ID, processWebhookJob } from "@/inngest/functions/process-webhook";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { StreamPage } from "@/server/connectors/_core/connector";
import { shopifyConnector, type ShopifyContext } from "@/server/connectors/shopify";
import { db } from "@/server/db";
import { ingestOrders, ingestProducts, type IngestScope } from "@/server/ingest";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";

vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "versions-key", SHOPIFY_API_SECRET: "versions-secret" }));

const SHOP = "versions.myshopify.com";
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let harness: InngestHarness;
let intake: WebhookIntake;
let scope: IngestScope;

beforeAll(async () => {
  harness = await withInngestRunner(inngest, [processWebhookJob]);
  intake = await serveWebhookIntake(receiveWebhook);
  sandbox = await startShopifySandbox({ apiKey: "versions-key", apiSecret: "versions-secret", webhookTarget: `${intake.url}/shopify`, shops: [{ domain: SHOP, volume: { orders: 150 }, costLimits: { maximumAvailable: 2000, restoreRate: 50_000 } }] });
  shop = sandbox.shop(SHOP);
  const { workspace } = await buildWorkspaceWithOwner("Versions");
  scope = { workspaceId: workspace.id, connectionId: (await buildConnection(workspace.id, { externalAccountId: SHOP })).id };
});

afterAll(async () => {
  await sandbox?.stop();
  await intake?.close();
  await harness?.stop();
});

/** Sends a signed delivery through the intake and waits for its processing run. */
async function deliver(topic: "orders/updated" | "products/update", options: { payload?: Record<string, unknown>; id?: number; triggeredAt: number }) {
  const before = harness.runner.listRuns({ functionId: PROCESS_WEBHOOK_FUNCTION_ID }).length;
  const [delivery] = await shop.sendWebhook(topic, options);
  expect(delivery!.status).toBe(200);
  for (const deadline = Date.now() + 15_000; ; ) {
    const runs = harness.runner.listRuns({ functionId: PROCESS_WEBHOOK_FUNCTION_ID });
    if (runs.length > before) {
      const run = await harness.runner.waitForRun(runs.at(-1)!.id, 15_000);
      expect(run.status).toBe("COMPLETED");
      return;
    }
    if (Date.now() > deadline) throw new Error("the delivery was not processed");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function context(): ShopifyContext {
  return { shopOrigin: sandbox.shopOrigin(SHOP), accessToken: shop.install(["read_orders", "read_all_orders", "read_customers", "read_products"]).access_token };
}

/** What a sync read of a stream returns for one record, page by page from the start. */
async function read<R extends { externalId: string }>(readPage: (input: ShopifyContext & { cursor: string | null }) => Promise<StreamPage<R>>, externalId: string): Promise<R> {
  for (let cursor: string | null = null; ; ) {
    const page: StreamPage<R> = await readPage({ ...context(), cursor });
    const found = page.records.find((r) => r.externalId === externalId);
    if (found) return found;
    if (page.done) throw new Error(`${externalId} not read`);
    cursor = page.nextCursor;
  }
}
const readOrder = (externalId: string) => read(shopifyConnector.stream("orders").readPage, externalId);
const readProduct = (externalId: string) => read(shopifyConnector.stream("products").readPage, externalId);

const lineItems = (id: number) => db.orderLineItem.count({ where: { connectionId: scope.connectionId, order: { externalId: String(id) } } });

/**
 * Two versions of an open order changed within one second (the merchant went from 2 line items
 * to 5, Shopify stamping both with the same updated_at), 5 s ago: the bodies Shopify delivered
 * for each, and when it triggered them. The shop is left at the later version; `toEarlier` puts
 * it back at the earlier one.
 */
function twoVersionsInOneSecond() {
  // Open and without refunds (which would name the line items replaced here), a new one each time.
  const id = shop.store.orders.summaries().find((s) => s.status === "open" && !taken.has(s.id) && shop.store.orders.get(s.id)!.refunds.length === 0)!.id;
  taken.add(id);
  const second = Math.floor(Date.now() / 1000) * 1000 - 5_000;
  const template = shop.store.orders.get(id)!.lineItems[0]!;
  const five = Array.from({ length: 5 }, (_, i) => ({ ...template, id: 9_700_000_000 + id * 10 + i }));
  const toEarlier = () => shop.store.updateOrder(id, { lineItems: five.slice(0, 2), updatedAt: second + 100 });
  toEarlier();
  const earlier = { payload: buildPayload(shop, "orders/updated", { id }) as Record<string, unknown>, triggeredAt: second + 150 };
  shop.store.updateOrder(id, { lineItems: five, updatedAt: second + 700 });
  const later = { payload: buildPayload(shop, "orders/updated", { id }) as Record<string, unknown>, triggeredAt: second + 750 };
  expect(earlier.payload.updated_at).toBe(later.payload.updated_at);
  return { id, earlier, later, toEarlier };
}
const taken = new Set<number>();

describe("two copies of an order with the same updated_at", () => {
  it("the delivery Shopify triggered later stays when it arrives first: 5 line items stay 5", async () => {
    const { id, earlier, later } = twoVersionsInOneSecond();
    await deliver("orders/updated", later);
    await deliver("orders/updated", earlier);
    expect(await lineItems(id)).toBe(5);
    expect(await db.order.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(id) } })).toMatchObject({ observedAt: new Date(later.triggeredAt) });
  });

  it("and replaces the earlier one when it arrives second", async () => {
    const { id, earlier, later } = twoVersionsInOneSecond();
    await deliver("orders/updated", earlier);
    expect(await lineItems(id)).toBe(2);
    await deliver("orders/updated", later);
    expect(await lineItems(id)).toBe(5);
  });

  it("a sync read made after a delivery replaces it; one made before it does not, however late it is stored", async () => {
    // Read after: the shop's current version, 5 line items, over the delivered 2.
    const after = twoVersionsInOneSecond();
    await deliver("orders/updated", after.earlier);
    await ingestOrders(scope, [await readOrder(String(after.id))]);
    expect(await lineItems(after.id)).toBe(5);

    // Read before: a sync batch read the 2-line version, then Shopify triggered the delivery of
    // the 5-line one, which was stored before the batch was.
    const before = twoVersionsInOneSecond();
    before.toEarlier();
    const stale = await readOrder(String(before.id));
    expect(stale.lineItems).toHaveLength(2);
    await deliver("orders/updated", { payload: before.later.payload, triggeredAt: Date.now() });
    expect(await ingestOrders(scope, [stale])).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await lineItems(before.id)).toBe(5);
  }, 30_000);
});

describe("products/update of a product with more than 100 variants", () => {
  it("carries the first 100 and every id: all 150 variants stay stored, the carried ones updated", async () => {
    const [product] = [...shop.store.products.records()];
    const template = product!.variants[0]!;
    const variants = Array.from({ length: 150 }, (_, i) => ({ ...template, id: 9_800_000_000 + i, inventoryItemId: 9_900_000_000 + i, sku: `MANY-${i}`, position: i + 1 }));
    shop.store.updateProduct(product!.id, { variants });
    const synced = await readProduct(String(product!.id));
    expect(synced.variants).toHaveLength(150);
    await ingestProducts(scope, [synced]);

    // The merchant reprices the first variant; Shopify delivers products/update.
    shop.store.updateProduct(product!.id, { variants: variants.map((v, i) => (i === 0 ? { ...v, price: "99.00" } : v)) });
    const body = buildPayload(shop, "products/update", { id: product!.id }) as { variants: unknown[]; variant_gids: unknown[] };
    expect([body.variants.length, body.variant_gids.length]).toEqual([100, 150]);
    await deliver("products/update", { id: product!.id, triggeredAt: Date.now() });

    const stored = await db.productVariant.findMany({ where: { connectionId: scope.connectionId, product: { externalId: String(product!.id) } } });
    expect(stored).toHaveLength(150);
    expect(stored.find((v) => v.externalId === String(variants[0]!.id))!.price?.toFixed(2)).toBe("99.00");
  }, 30_000);
});
