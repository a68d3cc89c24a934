// process-webhook with Shopify's deliveries, under @inngest/test, against the real database.
// Payloads are the sandbox's REST bodies (what it delivers), stored as WebhookEvent rows the way
// the intake route stores them.
import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type SandboxShop, type ShopifySandbox, type WebhookTopic } from "@/dev/sandbox/shopify";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { webhookReceived } from "@/inngest/events";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { customerRecord, inventoryLevelRecord, orderRecord, transactionRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { ingestCustomers, ingestInventoryLevels, ingestOrders } from "@/server/ingest";
import { scheduleDueSyncs } from "@/server/services/connections/schedule-due-syncs";
import { findOrders } from "@/server/services/orders/find-orders";
import { findOrdersInput } from "@/server/services/orders/schema";

// Processing hands the connector its connection's context, which needs Shopify set up.
vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "process-key", SHOPIFY_API_SECRET: "process-secret" }));

const SHOP = "process-hooks.myshopify.com";
// Older than anything the sandbox generates: what a sync stored before the webhook's version.
const LONG_AGO = "2000-01-01T00:00:00.000Z";
let sandbox: ShopifySandbox;
let shop: SandboxShop;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ apiKey: "k", apiSecret: "s", shops: [{ domain: SHOP, volume: { orders: 300 } }] });
  shop = sandbox.shop(SHOP);
});
afterAll(async () => sandbox.stop());

type Scope = { workspaceId: string; connectionId: string; shop: string };

async function newScope(overrides: Parameters<typeof buildConnection>[1] = {}): Promise<Scope & { ownerEmail: string }> {
  const { workspace, owner } = await buildWorkspaceWithOwner("Hooks Co");
  const connection = await buildConnection(workspace.id, { externalAccountId: `${randomUUID().slice(0, 8)}-${SHOP}`, ...overrides });
  return { workspaceId: workspace.id, connectionId: connection.id, shop: connection.externalAccountId, ownerEmail: owner.email };
}

const payloadOf = (topic: WebhookTopic, opts: Parameters<typeof buildPayload>[2] = {}) => buildPayload(shop, topic, opts) as Record<string, unknown>;

async function stored(scope: Scope, topic: string, payload: unknown) {
  return db.webhookEvent.create({
    data: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, provider: "SHOPIFY", externalId: randomUUID(), topic, payload: payload as object },
  });
}

async function run(scope: Scope, webhook: { id: string; topic: string }) {
  const runId = `webhook-test-${randomUUID()}`;
  const engine = new InngestTestEngine({
    function: processWebhookJob,
    events: [webhookReceived.create({ provider: "SHOPIFY", workspaceId: scope.workspaceId, connectionId: scope.connectionId, webhookEventId: webhook.id, topic: webhook.topic })],
    transformCtx: (ctx) => ({ ...ctx, runId }),
  });
  const { result, error } = await engine.execute();
  return {
    result: result as { status: string; reason: string | null; counts: Record<string, number>; detail: Record<string, unknown> | null } | undefined,
    error: error as Error | undefined,
    jobRun: () => db.jobRun.findUnique({ where: { inngestRunId: runId } }),
    webhook: () => db.webhookEvent.findUniqueOrThrow({ where: { id: webhook.id } }),
  };
}

async function deliver(scope: Scope, topic: WebhookTopic, payload: unknown) {
  return run(scope, await stored(scope, topic, payload));
}

const orderRow = (scope: Scope, externalId: string) =>
  db.order.findUniqueOrThrow({
    where: { workspaceId_connectionId_externalId: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, externalId } },
    include: { lineItems: { orderBy: { externalId: "asc" } }, refunds: true, transactions: { orderBy: { externalId: "asc" } } },
  });

const refundedOrderId = () => shop.store.orders.summaries().find((s) => s.financialStatus === "PARTIALLY_REFUNDED")!.id;

describe("orders/*", () => {
  it("stores the order with its line items and refunds, marks the delivery PROCESSED and records the run", async () => {
    const scope = await newScope();
    const id = refundedOrderId();
    const source = shop.store.orders.get(id)!;
    const outcome = await deliver(scope, "orders/create", payloadOf("orders/create", { id }));

    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, inserted: 1, updated: 0 } });
    const order = await orderRow(scope, String(id));
    expect(order).toMatchObject({ name: source.name, financialStatus: "PARTIALLY_REFUNDED", currency: "USD" });
    expect(order.totalRefunded!.toFixed(2)).toBe(source.totalRefunded);
    expect(order.lineItems.map((l) => l.externalId)).toEqual(source.lineItems.map((l) => String(l.id)).sort());
    expect(order.refunds).toHaveLength(1);
    expect(order.transactions.map((t) => t.kind)).toEqual(["REFUND"]);
    expect(await outcome.webhook()).toMatchObject({ status: "PROCESSED", error: null, processedAt: expect.any(Date) });
    expect(await outcome.jobRun()).toMatchObject({
      kind: "webhook",
      trigger: "WEBHOOK",
      stream: "orders/create",
      status: "SUCCEEDED",
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      recordsRead: 1,
      recordsInserted: 1,
    });
  });

  it("an orders/updated older than the stored order changes nothing, line items included", async () => {
    const scope = await newScope();
    const id = shop.store.orders.summaries().find((s) => s.status === "open" && s.financialStatus === "PAID")!.id;
    const older = payloadOf("orders/updated", { id });
    // The newer version dropped a line item and was tagged; it arrives first.
    shop.store.updateOrder(id, (o) => ({ lineItems: o.lineItems.slice(0, 1), tags: ["newer"] }));
    const newer = payloadOf("orders/updated", { id });
    await deliver(scope, "orders/updated", newer);
    const before = await orderRow(scope, String(id));
    expect(before.lineItems).toHaveLength(1);

    const late = await deliver(scope, "orders/updated", older);
    expect(late.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, inserted: 0, updated: 0, unchanged: 1 } });
    // The run records it too, so its counts add up.
    expect(await late.jobRun()).toMatchObject({ recordsRead: 1, recordsUnchanged: 1 });
    const after = await orderRow(scope, String(id));
    expect(after).toEqual(before);
    expect(after.tags).toEqual(["newer"]);
  });

  it("a duplicate delivery changes nothing the second time; the same delivery is not processed twice", async () => {
    const scope = await newScope();
    const id = refundedOrderId();
    const payload = payloadOf("orders/updated", { id });
    await deliver(scope, "orders/updated", payload);
    const first = await orderRow(scope, String(id));

    // Shopify sends the same body again under another event id (a second subscription, a replay).
    const again = await deliver(scope, "orders/updated", payload);
    expect(again.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, inserted: 0, updated: 0, unchanged: 1 } });
    expect(await orderRow(scope, String(id))).toEqual(first);

    // The event for an already processed row (a re-sent event, a manual retry): skipped.
    const webhook = await db.webhookEvent.findFirstOrThrow({ where: { connectionId: scope.connectionId }, orderBy: { receivedAt: "asc" } });
    const rerun = await run(scope, webhook);
    expect(rerun.result).toMatchObject({ status: "SKIPPED" });
    expect((await rerun.jobRun())!.recordsRead).toBe(0);
  });

  it("keeps the stored sale transaction that order webhooks do not carry", async () => {
    const scope = await newScope();
    const id = refundedOrderId();
    const source = shop.store.orders.get(id)!;
    const sale = source.transactions.find((t) => t.kind === "SALE")!;
    // What the sync stored earlier: the order with its sale.
    await ingestOrders(scope, [
      orderRecord(String(id), {
        sourceUpdatedAt: LONG_AGO,
        transactions: [transactionRecord(String(sale.id), { kind: "SALE", amount: { amount: sale.amount, currency: "USD" } })],
      }),
    ]);
    const outcome = await deliver(scope, "orders/updated", payloadOf("orders/updated", { id }));
    expect(outcome.result).toMatchObject({ counts: { updated: 1 } });
    const order = await orderRow(scope, String(id));
    expect(order.transactions.map((t) => [t.externalId, t.kind])).toEqual(
      [
        [String(sale.id), "SALE"],
        [String(source.transactions.find((t) => t.kind === "REFUND")!.id), "REFUND"],
      ].sort(),
    );
    expect(order.lineItems.map((l) => l.externalId)).toEqual(source.lineItems.map((l) => String(l.id)).sort());
  });

  it("a stored payload that cannot be mapped fails at once, with the reason on the delivery", async () => {
    const scope = await newScope();
    const payload = payloadOf("orders/updated", { id: refundedOrderId() });
    const lines = payload.line_items as Record<string, unknown>[];
    const outcome = await deliver(scope, "orders/updated", { ...payload, line_items: [{ ...lines[0], quantity: "two" }] });

    expect(outcome.error?.name).toBe("NonRetriableError");
    expect(outcome.error?.message).toMatch(/orders\/updated: Malformed Shopify order webhook payload: line_items\.0\.quantity/);
    const webhook = await outcome.webhook();
    expect(webhook.status).toBe("FAILED");
    expect(webhook.error).toMatch(/line_items\.0\.quantity/);
    expect(await db.order.count({ where: { connectionId: scope.connectionId } })).toBe(0);
  });

  it("a paused or disconnected connection's data deliveries are ignored", async () => {
    const scope = await newScope({ status: "DISCONNECTED" });
    const outcome = await deliver(scope, "orders/create", payloadOf("orders/create", { id: refundedOrderId() }));
    expect(outcome.result).toMatchObject({ status: "IGNORED" });
    expect(await outcome.webhook()).toMatchObject({ status: "IGNORED", error: expect.stringContaining("disconnected") });
    expect(await db.order.count({ where: { connectionId: scope.connectionId } })).toBe(0);
  });

  it("a paused connection ignores changes but applies deletions, which no later sync would bring", async () => {
    const scope = await newScope();
    const id = refundedOrderId();
    await deliver(scope, "orders/create", payloadOf("orders/create", { id }));
    await db.connection.update({ where: { id: scope.connectionId }, data: { status: "PAUSED" } });

    const changed = await deliver(scope, "orders/updated", payloadOf("orders/updated", { id }));
    expect(changed.result).toMatchObject({ status: "IGNORED" });
    const deleted = await deliver(scope, "orders/delete", payloadOf("orders/delete", { id }));
    expect(deleted.result).toMatchObject({ status: "PROCESSED", counts: { deleted: 1 } });
    expect((await orderRow(scope, String(id))).deletedAt).not.toBeNull();
  });
});

describe("products/*, customers/*, inventory_levels/update", () => {
  it("stores a product with its variants in the shop's currency, and products/delete marks it deleted", async () => {
    const scope = await newScope();
    const productId = shop.store.products.summaries()[0]!.id;
    // Before anything of the shop is stored its currency is unknown: left to the first sync.
    const early = await deliver(scope, "products/create", payloadOf("products/create", { id: productId }));
    expect(early.result).toMatchObject({ status: "IGNORED" });

    await deliver(scope, "orders/create", payloadOf("orders/create", { id: refundedOrderId() }));
    const outcome = await deliver(scope, "products/update", payloadOf("products/update", { id: productId }));
    expect(outcome.result).toMatchObject({ status: "PROCESSED", counts: { inserted: 1 } });
    const product = await db.product.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(productId) }, include: { variants: true } });
    expect(product.variants).toHaveLength(shop.store.products.get(productId)!.variants.length);
    expect(product.variants.every((v) => v.currency === "USD")).toBe(true);

    const deleted = await deliver(scope, "products/delete", payloadOf("products/delete", { id: productId }));
    expect(deleted.result).toMatchObject({ counts: { deleted: 1 } });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).deletedAt).toEqual((await deleted.webhook()).receivedAt);
    // A late update never brings it back.
    const late = await deliver(scope, "products/update", payloadOf("products/update", { id: productId }));
    expect(late.result).toMatchObject({ counts: { unchanged: 1 } });
  });

  it("updates a customer and keeps the order count and amount spent the webhook does not carry", async () => {
    const scope = await newScope();
    const id = shop.store.customers.summaries()[0]!.id;
    await ingestCustomers(scope, [
      customerRecord(String(id), { sourceUpdatedAt: LONG_AGO, numberOfOrders: 4, amountSpent: { amount: "120.50", currency: "USD" } }),
    ]);
    shop.store.updateCustomer(id, { firstName: "Renamed" });
    const outcome = await deliver(scope, "customers/update", payloadOf("customers/update", { id }));
    expect(outcome.result).toMatchObject({ counts: { updated: 1 } });
    const customer = await db.customer.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(id) } });
    expect(customer).toMatchObject({ firstName: "Renamed", numberOfOrders: 4, currency: "USD" });
    expect(customer.amountSpent!.toFixed(2)).toBe("120.50");
  });

  it("sets a level's available quantity, keeps its other quantities, and ignores an older or unknown level", async () => {
    const scope = await newScope();
    const variant = shop.store.variants()[0]!;
    const location = shop.store.locations[0]!;
    const item = String(variant.inventoryItemId);
    await ingestInventoryLevels(scope, [inventoryLevelRecord(item, String(location.id), { available: 5, onHand: 7, committed: 2, incoming: 1, sourceUpdatedAt: LONG_AGO })]);
    const older = payloadOf("inventory_levels/update", { inventoryItemId: variant.inventoryItemId, locationId: location.id });
    shop.store.setInventoryQuantities(variant.inventoryItemId, location.id, { available: 3 });
    const newer = payloadOf("inventory_levels/update", { inventoryItemId: variant.inventoryItemId, locationId: location.id });

    const outcome = await deliver(scope, "inventory_levels/update", newer);
    expect(outcome.result).toMatchObject({ counts: { read: 1, updated: 1 } });
    const level = () => db.inventoryLevel.findFirstOrThrow({ where: { connectionId: scope.connectionId, inventoryItemExternalId: item } });
    expect(await level()).toMatchObject({ available: 3, onHand: 7, committed: 2, incoming: 1, sourceUpdatedAt: new Date(newer.updated_at as string) });

    expect((await deliver(scope, "inventory_levels/update", older)).result).toMatchObject({ counts: { updated: 0, unchanged: 1 } });
    expect(await level()).toMatchObject({ available: 3 });

    const unknown = await deliver(scope, "inventory_levels/update", { ...newer, location_id: 1 });
    expect(unknown.result).toMatchObject({ status: "PROCESSED", counts: { updated: 0, unchanged: 1 } });
    expect(await db.inventoryLevel.count({ where: { connectionId: scope.connectionId } })).toBe(1);
  });
});

describe("orders/delete, customers/delete", () => {
  /** What the Orders page lists for the workspace: each order's connection and customer. */
  async function listedOrders(workspaceId: string) {
    const page = await findOrders(workspaceDb(workspaceId), findOrdersInput.parse({}));
    return page.items.map((o) => ({ connectionId: o.connection.id, customer: o.customer }));
  }

  it("orders/delete removes the order from that connection only; a duplicate or a late update changes nothing", async () => {
    const scope = await newScope();
    const neighbour = { ...scope, connectionId: (await buildConnection(scope.workspaceId, { externalAccountId: `n-${randomUUID().slice(0, 8)}.myshopify.com` })).id };
    const stranger = await newScope();
    const id = refundedOrderId();
    const older = payloadOf("orders/updated", { id });
    for (const s of [scope, neighbour, stranger]) await deliver(s, "orders/create", payloadOf("orders/create", { id }));
    const stored = await orderRow(scope, String(id));
    expect(stored.lineItems.length).toBeGreaterThan(0);

    const deleted = await deliver(scope, "orders/delete", payloadOf("orders/delete", { id }));
    expect(deleted.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, deleted: 1, unchanged: 0 } });
    expect(await deleted.jobRun()).toMatchObject({ stream: "orders/delete", status: "SUCCEEDED", recordsRead: 1, recordsDeleted: 1 });
    // Kept as a tombstone at the time of the delivery, its children with it, and no longer served.
    const order = await orderRow(scope, String(id));
    expect(order.deletedAt).toEqual((await deleted.webhook()).receivedAt);
    expect(order.lineItems).toEqual(stored.lineItems);
    expect((await listedOrders(scope.workspaceId)).map((o) => o.connectionId)).toEqual([neighbour.connectionId]);
    expect((await orderRow(neighbour, String(id))).deletedAt).toBeNull();
    expect((await orderRow(stranger, String(id))).deletedAt).toBeNull();

    const again = await deliver(scope, "orders/delete", payloadOf("orders/delete", { id }));
    expect(again.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, deleted: 0, unchanged: 1 } });
    const late = await deliver(scope, "orders/updated", older);
    expect(late.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, inserted: 0, updated: 0, unchanged: 1 } });
    expect(await orderRow(scope, String(id))).toEqual(order);
  });

  it("a delete for something never stored is processed and deletes nothing", async () => {
    const scope = await newScope();
    for (const topic of ["orders/delete", "customers/delete"] as const) {
      const outcome = await deliver(scope, topic, payloadOf(topic, { id: 1 }));
      expect(outcome.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, deleted: 0, unchanged: 1 } });
      expect(await outcome.webhook()).toMatchObject({ status: "PROCESSED" });
    }
  });

  it("customers/delete removes the customer; an order that still names them stays, without a customer", async () => {
    const scope = await newScope();
    const summary = shop.store.orders.summaries().find((s) => s.customerId !== null)!;
    const customerId = summary.customerId!;
    await deliver(scope, "customers/create", payloadOf("customers/create", { id: customerId }));
    await deliver(scope, "orders/create", payloadOf("orders/create", { id: summary.id }));
    const stranger = await newScope();
    await deliver(stranger, "customers/create", payloadOf("customers/create", { id: customerId }));
    expect((await listedOrders(scope.workspaceId))[0]!.customer).not.toBeNull();

    const deleted = await deliver(scope, "customers/delete", payloadOf("customers/delete", { id: customerId }));
    expect(deleted.result).toMatchObject({ status: "PROCESSED", counts: { read: 1, deleted: 1 } });
    const customer = () => db.customer.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(customerId) } });
    expect((await customer()).deletedAt).toEqual((await deleted.webhook()).receivedAt);
    expect((await db.customer.findFirstOrThrow({ where: { connectionId: stranger.connectionId } })).deletedAt).toBeNull();
    expect(await listedOrders(scope.workspaceId)).toEqual([expect.objectContaining({ connectionId: scope.connectionId, customer: null })]);

    expect((await deliver(scope, "customers/delete", payloadOf("customers/delete", { id: customerId }))).result).toMatchObject({ counts: { deleted: 0, unchanged: 1 } });
    const late = await deliver(scope, "customers/update", payloadOf("customers/update", { id: customerId }));
    expect(late.result).toMatchObject({ counts: { unchanged: 1 } });
    expect((await customer()).deletedAt).not.toBeNull();
  });
});

describe("app/uninstalled", () => {
  it("disconnects the connection, erases its credentials, stops its schedule and audits it as the system", async () => {
    const scope = await newScope({ encryptedCredentials: "v1:sealed", lastSyncedAt: new Date("2020-01-01T00:00:00Z") });
    const outcome = await deliver(scope, "app/uninstalled", shop.restShop());
    expect(outcome.result).toMatchObject({ status: "PROCESSED", detail: { previousStatus: "ACTIVE" } });

    expect(await db.connection.findUniqueOrThrow({ where: { id: scope.connectionId } })).toMatchObject({ status: "DISCONNECTED", encryptedCredentials: null });
    const scheduled = await scheduleDueSyncs(new Date("2030-01-01T00:00:00Z"));
    expect(scheduled.map((s) => s.connectionId)).not.toContain(scope.connectionId);
    expect(await db.auditLog.findMany({ where: { workspaceId: scope.workspaceId, action: "connection.uninstalled" } })).toEqual([
      expect.objectContaining({ actorId: null, targetId: scope.connectionId, metadata: expect.objectContaining({ previousStatus: "ACTIVE" }) }),
    ]);
  });

  it("ignores an uninstall received before the shop was installed again", async () => {
    const scope = await newScope({ encryptedCredentials: "v1:sealed", settings: { installedAt: new Date(Date.now() + 60_000).toISOString() } });
    const outcome = await deliver(scope, "app/uninstalled", shop.restShop());
    expect(outcome.result).toMatchObject({ status: "IGNORED" });
    expect(await db.connection.findUniqueOrThrow({ where: { id: scope.connectionId } })).toMatchObject({ status: "ACTIVE", encryptedCredentials: "v1:sealed" });
  });
});

describe("compliance topics", () => {
  /** A customer of the sandbox shop with their orders, stored through the webhook path. */
  async function storeCustomerWithOrders(scope: Scope) {
    const customerId = shop.store.orders.summaries().find((s) => s.customerId !== null)!.customerId!;
    const orderIds = shop.store.orders
      .summaries()
      .filter((s) => s.customerId === customerId)
      .map((s) => s.id);
    await deliver(scope, "customers/create", payloadOf("customers/create", { id: customerId }));
    for (const id of orderIds) await deliver(scope, "orders/create", payloadOf("orders/create", { id }));
    return { customerId, orderIds, customer: shop.store.customers.get(customerId)! };
  }

  it("customers/data_request mails the stored data to the workspace's owners and admins only, once", async () => {
    const scope = await newScope();
    const admin = await buildMember(scope.workspaceId, "ADMIN");
    const member = await buildMember(scope.workspaceId, "MEMBER");
    const viewer = await buildMember(scope.workspaceId, "VIEWER");
    const { customerId, orderIds, customer } = await storeCustomerWithOrders(scope);
    const firstOrder = shop.store.orders.get(orderIds[0]!)!;

    const webhook = await stored(scope, "customers/data_request", payloadOf("customers/data_request", { id: customerId }));
    const outcome = await run(scope, webhook);
    expect(outcome.result).toMatchObject({ status: "PROCESSED", detail: { customerFound: true, orders: orderIds.length, recipients: 2, sent: 2 } });

    const mails = await db.emailOutbox.findMany({ where: { workspaceId: scope.workspaceId, template: "customer-data-request" } });
    expect(mails.map((m) => m.to).sort()).toEqual([scope.ownerEmail, admin.user.email].sort());
    expect(mails.map((m) => m.to)).not.toContain(member.user.email);
    expect(mails.map((m) => m.to)).not.toContain(viewer.user.email);
    const [mail] = mails;
    expect(mail!.status).toBe("SENT");
    expect(mail!.subject).toContain(`Customer data request`);
    expect(mail!.text).toContain(customer.email!);
    expect(mail!.text).toContain(firstOrder.name);
    expect(mail!.text).toContain(firstOrder.lineItems[0]!.title);
    expect(mail!.text).toContain(`"externalId": "${firstOrder.lineItems[0]!.id}"`);
    expect(await db.auditLog.count({ where: { workspaceId: scope.workspaceId, action: "connection.customer_data_requested", actorId: null } })).toBe(1);

    // A retry after a failure further on (here: the row reset) mails nobody twice.
    await db.webhookEvent.update({ where: { id: webhook.id }, data: { status: "FAILED" } });
    expect((await run(scope, webhook)).result).toMatchObject({ detail: { sent: 0 } });
    expect(await db.emailOutbox.count({ where: { workspaceId: scope.workspaceId, template: "customer-data-request" } })).toBe(2);
  });

  it("customers/redact erases the customer's personal fields from the customer, their orders and stored payloads", async () => {
    const scope = await newScope();
    const { customerId, orderIds } = await storeCustomerWithOrders(scope);
    const other = shop.store.orders.summaries().find((s) => s.customerId !== null && s.customerId !== customerId)!;
    await deliver(scope, "orders/create", payloadOf("orders/create", { id: other.id }));

    const outcome = await deliver(scope, "customers/redact", payloadOf("customers/redact", { id: customerId }));
    expect(outcome.result).toMatchObject({ status: "PROCESSED", detail: { customers: 1, orders: orderIds.length } });

    const customer = await db.customer.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(customerId) } });
    expect(customer).toMatchObject({ email: null, emailLower: null, firstName: null, lastName: null, phone: null, redactedAt: expect.any(Date) });
    const orders = await db.order.findMany({ where: { connectionId: scope.connectionId, externalId: { in: orderIds.map(String) } } });
    expect(orders.every((o) => o.email === null && o.redactedAt !== null)).toBe(true);
    expect((await db.order.findFirstOrThrow({ where: { connectionId: scope.connectionId, externalId: String(other.id) } })).email).not.toBeNull();

    const payloads = await db.webhookEvent.findMany({ where: { connectionId: scope.connectionId }, select: { topic: true, payload: true } });
    const text = JSON.stringify(payloads.filter((p) => (p.payload as { id?: number }).id !== other.id));
    const email = shop.store.customers.get(customerId)!.email!;
    expect(text).not.toContain(email);
    expect(JSON.stringify(payloads)).toContain(String(other.id));
    expect(await db.auditLog.findFirst({ where: { workspaceId: scope.workspaceId, action: "connection.customer_redacted" } })).toMatchObject({
      actorId: null,
      metadata: expect.objectContaining({ customerId: String(customerId) }),
    });

    // A later sync or webhook cannot write the erased fields back.
    shop.store.updateCustomer(customerId, { firstName: "Back" });
    await deliver(scope, "customers/update", payloadOf("customers/update", { id: customerId }));
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ firstName: null, email: null });
  });

  it("shop/redact deletes only that connection's data, also when it is disconnected", async () => {
    const scope = await newScope({ status: "DISCONNECTED" });
    const neighbour = { ...scope, connectionId: (await buildConnection(scope.workspaceId, { externalAccountId: `n-${randomUUID().slice(0, 8)}.myshopify.com` })).id };
    // Stored while both were connected.
    await db.connection.update({ where: { id: scope.connectionId }, data: { status: "ACTIVE" } });
    await storeCustomerWithOrders(scope);
    await storeCustomerWithOrders(neighbour);
    await ingestInventoryLevels(scope, [inventoryLevelRecord("1", "2")]);
    await db.connection.update({ where: { id: scope.connectionId }, data: { status: "DISCONNECTED" } });

    const counts = async (connectionId: string) => ({
      orders: await db.order.count({ where: { connectionId } }),
      lineItems: await db.orderLineItem.count({ where: { connectionId } }),
      customers: await db.customer.count({ where: { connectionId } }),
      levels: await db.inventoryLevel.count({ where: { connectionId } }),
      webhooks: await db.webhookEvent.count({ where: { connectionId } }),
    });
    const neighbourBefore = await counts(neighbour.connectionId);
    // Queued behind the redaction (one delivery at a time per connection).
    const queued = await stored(scope, "orders/updated", payloadOf("orders/updated", { id: refundedOrderId() }));

    const outcome = await deliver(scope, "shop/redact", { shop_id: 1, shop_domain: scope.shop });
    expect(outcome.result).toMatchObject({ status: "PROCESSED" });
    expect(outcome.result!.counts.deleted).toBeGreaterThan(0);
    expect(await counts(scope.connectionId)).toEqual({ orders: 0, lineItems: 0, customers: 0, levels: 0, webhooks: 1 });
    expect(await counts(neighbour.connectionId)).toEqual(neighbourBefore);
    expect(await db.connection.findUnique({ where: { id: scope.connectionId } })).not.toBeNull();
    // The queued delivery went with the shop's data: its run has nothing left to apply.
    const late = await run(scope, queued);
    expect(late.error).toBeUndefined();
    expect(late.result).toMatchObject({ status: "SKIPPED", topic: "orders/updated", reason: "The delivery is no longer stored." });
    expect(await db.order.count({ where: { connectionId: scope.connectionId } })).toBe(0);
    expect(await db.auditLog.findFirst({ where: { workspaceId: scope.workspaceId, action: "connection.account_redacted" } })).toMatchObject({
      actorId: null,
      targetId: scope.connectionId,
      metadata: expect.objectContaining({ orders: expect.any(Number) }),
    });
  });
});
