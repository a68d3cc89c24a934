import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { processWebhook } from "@/server/services/webhooks/process-webhook";
import { POST as route } from "./route";

// Shopify's published example body of every topic Meridian subscribes to
// (server/connectors/shopify/fixtures/webhooks/, see its README), sent as the raw text of the file,
// signed with the app's secret, through the route at /api/webhooks/shopify, then processed to the
// database. The bodies are never re-serialised: their 18-digit ids must arrive as Shopify wrote them.

vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "examples-key", SHOPIFY_API_SECRET: "examples-secret" }));
// Next runs what the route hands to `after()` (the event to Inngest) once the response has gone;
// here the stored delivery is processed directly instead.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: () => undefined }));

// The compliance examples name their shop `{shop}.myshopify.com`, and a body naming another shop
// than the header is refused: that is the shop, for every topic.
const SHOP = "{shop}.myshopify.com";
const FIXTURES = path.join(process.cwd(), "server/connectors/shopify/fixtures/webhooks");
const TRIGGERED_AT = "2026-11-02T10:00:00.000Z";

const example = (topic: string) => readFileSync(path.join(FIXTURES, `${topic}.json`), "utf8");

let workspaceId: string;
let connectionId: string;
let ownerEmail: string;
beforeEach(async () => {
  await db.webhookEvent.deleteMany();
  await db.connection.deleteMany();
  const { workspace, owner } = await buildWorkspaceWithOwner("Examples");
  ({ id: workspaceId } = workspace);
  ownerEmail = owner.email;
  ({ id: connectionId } = await buildConnection(workspaceId, { externalAccountId: SHOP }));
});

/** Shopify's example for `topic` (or `body`), signed and posted through the route for `shop`: the reply. */
async function post(topic: string, shop = SHOP, body = example(topic)) {
  const response = await route(
    new Request("http://app.test/api/webhooks/shopify", {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-hmac-sha256": createHmac("sha256", "examples-secret").update(body).digest("base64"),
        "x-shopify-shop-domain": shop,
        "x-shopify-api-version": "2026-07",
        "x-shopify-webhook-id": randomUUID(),
        "x-shopify-event-id": randomUUID(),
        "x-shopify-triggered-at": TRIGGERED_AT,
      },
    }),
    { params: Promise.resolve({ provider: "shopify" }) },
  );
  return [response.status, await response.json()];
}

/** Shopify's example for `topic`, signed and posted through the route, then processed. */
function deliver(topic: string) {
  return processRaw(topic, example(topic));
}

/** `body` as a delivery of `topic`, signed and posted through the route, then processed. */
async function processRaw(topic: string, body: string) {
  expect([topic, ...(await post(topic, SHOP, body))]).toEqual([topic, 200, { ok: true, result: "accepted" }]);
  const stored = await db.webhookEvent.findFirstOrThrow({ where: { topic }, orderBy: { receivedAt: "desc" } });
  const outcome = await processWebhook({ workspaceId, webhookEventId: stored.id, topic });
  const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: stored.id } });
  return { outcome, row };
}

const scope = () => ({ workspaceId, connectionId });
const order = () =>
  db.order.findUniqueOrThrow({
    where: { workspaceId_connectionId_externalId: { ...scope(), externalId: "820982911946154508" } },
    include: { lineItems: { orderBy: { externalId: "asc" } } },
  });

describe("Shopify's example payloads, signed, through the route, processed", () => {
  it("stores every one of them as it was written: 18-digit ids kept digit for digit in the stored body", async () => {
    const topics = ["orders/create", "products/create", "customers/create", "inventory_levels/update", "customers/data_request", "app/uninstalled"];
    for (const topic of topics) await deliver(topic);
    const rows = await db.$queryRaw<Array<{ topic: string; payload: string }>>`SELECT "topic", "payload"::text AS "payload" FROM "WebhookEvent" WHERE "connectionId" = ${connectionId}`;
    expect(rows.map((r) => r.topic).sort()).toEqual([...topics].sort());
    expect(rows.find((r) => r.topic === "orders/create")!.payload).toContain('"id": 820982911946154508');
    expect(rows.find((r) => r.topic === "products/create")!.payload).toContain('"id": 642667041472713922');
  });

  it("orders/create, orders/updated, orders/cancelled: the order with its five line items, ids exact, money in shop money, Shopify's statuses", async () => {
    for (const topic of ["orders/create", "orders/updated", "orders/cancelled"]) {
      const { outcome, row } = await deliver(topic);
      expect([topic, outcome.status, row.status]).toEqual([topic, "PROCESSED", "PROCESSED"]);
    }
    const stored = await order();
    expect(stored).toMatchObject({
      name: "#9999",
      email: "jon@example.com",
      customerExternalId: "115310627314723954",
      financialStatus: "VOIDED",
      fulfillmentStatus: "UNFULFILLED",
      currency: "USD",
      tags: ["tag1", "tag2"],
      test: true,
      cancelReason: "CUSTOMER",
      cancelledAt: new Date("2022-01-01T00:00:00.000Z"),
      sourceUpdatedAt: new Date("2022-01-01T00:00:00.000Z"),
      deletedAt: null,
    });
    expect([stored.totalPrice, stored.subtotal, stored.totalDiscounts, stored.currentTotalPrice].map(String)).toEqual(["404.95", "404.95", "20", "414.95"]);
    expect(stored.lineItems.map((l) => [l.externalId, l.productExternalId, l.sku, l.quantity, l.currentQuantity, String(l.unitPrice), l.currency])).toEqual([
      ["315789986012684393", "788032119674292922", "SKU2006-035", 1, 1, "119.99", "USD"],
      ["487817672276298554", "788032119674292922", "SKU2006-001", 1, 1, "89.99", "USD"],
      ["789012345678901234", null, "LENS-PROTECT-2YR", 1, 1, "19.99", "USD"],
      ["890123456789012345", null, "CASE-LEATHER-PREM", 1, 1, "24.99", "USD"],
      ["976318377106520349", "788032119674292922", "SKU2006-020", 1, 1, "159.99", "USD"],
    ]);
    expect(await db.order.count({ where: scope() })).toBe(1);
  });

  it("orders/delete marks the order deleted", async () => {
    await deliver("orders/create");
    const { outcome } = await deliver("orders/delete");
    expect(outcome.status).toBe("PROCESSED");
    expect((await order()).deletedAt).toBeInstanceOf(Date);
  });

  it("products/create and products/update: the product (created_at null in the example) with both variants, in the shop's currency", async () => {
    // Product bodies name no currency: the shop's is the one its stored records have.
    await deliver("orders/create");
    for (const topic of ["products/create", "products/update"]) {
      const { outcome, row } = await deliver(topic);
      expect([topic, outcome.status, row.status, row.error]).toEqual([topic, "PROCESSED", "PROCESSED", null]);
    }
    const product = await db.product.findUniqueOrThrow({
      where: { workspaceId_connectionId_externalId: { ...scope(), externalId: "788032119674292922" } },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    expect(product).toMatchObject({
      title: "Example T-Shirt",
      handle: "example-t-shirt",
      vendor: "Acme",
      productType: "Shirts",
      status: "ACTIVE",
      tags: ["example", "mens", "t-shirt"],
      // Not in the body: its update time, the latest it vouches for.
      sourceCreatedAt: new Date("2022-01-01T00:00:00.000Z"),
      sourceUpdatedAt: new Date("2022-01-01T00:00:00.000Z"),
      deletedAt: null,
    });
    expect(product.variants.map((v) => [v.externalId, v.title, String(v.price), String(v.compareAtPrice), v.currency, v.inventoryItemExternalId])).toEqual([
      ["642667041472713922", "Small", "19.99", "24.99", "USD", null],
      ["757650484644203962", "Medium", "19.99", "24.99", "USD", null],
    ]);
  });

  it("products/delete marks the product deleted", async () => {
    await deliver("orders/create");
    await deliver("products/create");
    expect((await deliver("products/delete")).outcome.status).toBe("PROCESSED");
    expect((await db.product.findFirstOrThrow({ where: { ...scope(), externalId: "788032119674292922" } })).deletedAt).toBeInstanceOf(Date);
  });

  it("customers/create, customers/update and customers/delete: the customer, then marked deleted", async () => {
    for (const topic of ["customers/create", "customers/update"]) expect((await deliver(topic)).outcome.status).toBe("PROCESSED");
    const customer = () => db.customer.findFirstOrThrow({ where: { ...scope(), externalId: "706405506930370084" } });
    expect(await customer()).toMatchObject({ email: "bob@biller.com", firstName: "Bob", lastName: "Biller", state: "DISABLED", deletedAt: null });
    expect((await deliver("customers/delete")).outcome.status).toBe("PROCESSED");
    expect((await customer()).deletedAt).toBeInstanceOf(Date);
  });

  it("inventory_levels/update sets the stored level's available quantity; the item's 18-digit id finds it", async () => {
    const level = { ...scope(), inventoryItemExternalId: "271878346596884015", locationExternalId: "24826418" };
    await db.inventoryLevel.create({ data: { ...level, available: 3, onHand: 7, committed: 4, incoming: 0, sourceUpdatedAt: new Date("2021-01-01T00:00:00Z") } });
    expect((await deliver("inventory_levels/update")).outcome.status).toBe("PROCESSED");
    expect(await db.inventoryLevel.findFirstOrThrow({ where: level })).toMatchObject({ available: 10, onHand: 7, committed: 4 });
  });

  it("a customers/redact naming the order example's 18-digit customer erases them from the order and its stored delivery", async () => {
    const { row: delivery } = await deliver("orders/create");
    // Raw text: a JavaScript number could not hold the id.
    const body = `{"shop_id": 954889, "shop_domain": "${SHOP}", "customer": {"id": 115310627314723954, "email": "jon@example.com", "phone": null}, "orders_to_redact": []}`;
    await processRaw("customers/redact", body);
    expect(await order()).toMatchObject({ customerExternalId: "115310627314723954", email: null, redactedAt: expect.any(Date) });
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: delivery.id } })).payload).toEqual({ redacted: true });
  });

  it("customers/data_request mails the workspace's owner; customers/redact and shop/redact are applied", async () => {
    expect((await deliver("customers/data_request")).outcome.status).toBe("PROCESSED");
    expect((await db.emailOutbox.findMany({ where: { workspaceId, template: "customer-data-request" } })).map((m) => m.to)).toEqual([ownerEmail]);
    expect((await deliver("customers/redact")).outcome.status).toBe("PROCESSED");
    await deliver("orders/create");
    expect((await deliver("shop/redact")).outcome.status).toBe("PROCESSED");
    expect(await db.order.count({ where: scope() })).toBe(0);
  });

  it("a sample sent for a shop without a connection (`shopify app webhook trigger`) is acknowledged and ignored; a compliance sample naming another shop is refused", async () => {
    expect(await post("orders/create", "elsewhere.myshopify.com")).toEqual([200, { ok: true, result: "unknown_account" }]);
    expect(await post("shop/redact", "elsewhere.myshopify.com")).toEqual([400, { ok: false, result: "account_mismatch", detail: `the body names ${SHOP}` }]);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("app/uninstalled, whose example has null domains, disconnects the connection", async () => {
    expect((await deliver("app/uninstalled")).outcome.status).toBe("PROCESSED");
    expect(await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).toMatchObject({ status: "DISCONNECTED" });
  });
});
