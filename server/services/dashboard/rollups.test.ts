import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { changeWorkspaceTimeZone } from "@/inngest/functions/change-workspace-time-zone";
import { buildCommerceScope, lineItemRecord, orderRecord, refundRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import type { OrderRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { applyDeletions, deleteShopData, ingestOrders, redactCustomer, type IngestScope } from "@/server/ingest";
import { processWebhook } from "@/server/services/webhooks/process-webhook";
import { rebuildDashboardRollups } from "./rebuild-rollups";

// Webhook processing hands the connector its connection's context, which needs Shopify set up.
vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "rollups-key", SHOPIFY_API_SECRET: "rollups-secret" }));

// The rollups must always equal what the base tables say, whatever wrote them. The expected
// figures are computed here, in TypeScript from the rows as Prisma reads them, independently of
// the SQL that maintains the rollups (prisma/migrations/*_dashboard_rollups).

const { Decimal } = Prisma;
type Figures = Record<string, string | number>;

function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function add(into: Map<string, Figures>, key: string, figures: Record<string, Prisma.Decimal | number>) {
  const row = into.get(key) ?? {};
  for (const [name, value] of Object.entries(figures)) {
    row[name] = typeof value === "number" ? Number(row[name] ?? 0) + value : new Decimal(row[name] ?? 0).plus(value).toFixed(4);
  }
  into.set(key, row);
}

async function expectedRollups(workspaceId: string) {
  const { timeZone } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const orders = await db.order.findMany({ where: { workspaceId }, include: { lineItems: true, refunds: true } });
  const sales = new Map<string, Figures>();
  const products = new Map<string, Figures & { latest?: string }>();
  const titles = new Map<string, { at: number; id: string; title: string }>();
  for (const order of orders) {
    if (order.deletedAt || order.test || order.cancelledAt) continue;
    const day = dayIn(timeZone, order.processedAt);
    add(sales, `${order.connectionId}|${day}|${order.currency}`, {
      orders: 1,
      grossSales: order.totalPrice,
      discounts: order.totalDiscounts ?? new Decimal(0),
      tax: order.totalTax ?? new Decimal(0),
      shipping: order.totalShipping ?? new Decimal(0),
      units: order.lineItems.reduce((sum, line) => sum + line.quantity, 0),
      refunds: 0,
      refunded: new Decimal(0),
    });
    for (const line of order.lineItems) {
      const key = `${order.connectionId}|${day}|${line.currency}|${line.productExternalId ?? line.title}`;
      add(products, key, { units: line.quantity, revenue: line.discountedUnitPrice.times(line.quantity) });
      const latest = titles.get(key);
      const at = order.processedAt.getTime();
      if (!latest || at > latest.at || (at === latest.at && line.id > latest.id)) titles.set(key, { at, id: line.id, title: line.title });
    }
    for (const refund of order.refunds) {
      const refundDay = dayIn(timeZone, refund.sourceCreatedAt);
      add(sales, `${refund.connectionId}|${refundDay}|${refund.currency}`, {
        orders: 0, grossSales: new Decimal(0), discounts: new Decimal(0), tax: new Decimal(0), shipping: new Decimal(0), units: 0,
        refunds: 1,
        refunded: refund.total,
      });
    }
  }
  for (const [key, { title }] of titles) products.get(key)!.title = title;
  // A month's row per product: its days' figures added up, and how many days it sold on.
  const months = new Map<string, Figures>();
  for (const [key, { units, revenue }] of products) {
    const [connectionId, day, currency, productKey] = key.split("|");
    add(months, `${connectionId}|${day!.slice(0, 8)}01|${currency}|${productKey}`, { units: Number(units), revenue: new Decimal(revenue!), days: 1 });
  }
  return { sales: Object.fromEntries(sales), products: Object.fromEntries(products), months: Object.fromEntries(months) };
}

async function storedRollups(workspaceId: string) {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const sales = await db.dailySalesRollup.findMany({ where: { workspaceId } });
  const products = await db.dailyProductRollup.findMany({ where: { workspaceId } });
  const months = await db.monthlyProductRollup.findMany({ where: { workspaceId } });
  return {
    sales: Object.fromEntries(
      sales.map((r) => [
        `${r.connectionId}|${day(r.day)}|${r.currency}`,
        {
          orders: r.orders,
          grossSales: r.grossSales.toFixed(4),
          discounts: r.discounts.toFixed(4),
          tax: r.tax.toFixed(4),
          shipping: r.shipping.toFixed(4),
          units: r.units,
          refunds: r.refunds,
          refunded: r.refunded.toFixed(4),
        },
      ]),
    ),
    products: Object.fromEntries(
      products.map((r) => [`${r.connectionId}|${day(r.day)}|${r.currency}|${r.productKey}`, { units: r.units, revenue: r.revenue.toFixed(4), title: r.title }]),
    ),
    months: Object.fromEntries(
      months.map((r) => [`${r.connectionId}|${day(r.month)}|${r.currency}|${r.productKey}`, { units: r.units, revenue: r.revenue.toFixed(4), days: r.days }]),
    ),
  };
}

async function expectRollupsExact(workspaceId: string, context = "") {
  expect(await storedRollups(workspaceId), context).toEqual(await expectedRollups(workspaceId));
}

// ---------- seeded random histories ----------

function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

// Times around midnight in UTC and in the zones the history switches to, so days move with them.
const BASE = Date.parse("2026-03-01T00:00:00.000Z");
const HOUR = 3_600_000;

function randomOrder(r: ReturnType<typeof random>, externalId: string, version: number): OrderRecord {
  const currency = r.pick(["USD", "USD", "EUR"]);
  const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currency });
  const processedAt = new Date(BASE + r.below(72) * HOUR - r.below(60) * 60_000).toISOString();
  const lines = Array.from({ length: 1 + r.below(3) }, (_, i) =>
    lineItemRecord(`${externalId}-${r.below(3) + i * 3}`, {
      productExternalId: r.chance(0.2) ? null : `product-${r.below(4)}`,
      title: r.pick(["Mug", "Shirt", "Mug (old title)"]),
      quantity: 1 + r.below(3),
      currentQuantity: 1,
      unitPrice: money(1000 + r.below(900)),
      discountedUnitPrice: money(900 + r.below(900)),
    }),
  );
  const refunds = Array.from({ length: r.below(3) }, (_, i) =>
    refundRecord(`${externalId}-r${r.below(2) + i * 2}`, {
      total: money(100 + r.below(2000)),
      sourceCreatedAt: new Date(Date.parse(processedAt) + r.below(48) * HOUR).toISOString(),
    }),
  );
  const updatedAt = new Date(BASE + version * 1000).toISOString();
  return orderRecord(externalId, {
    currency,
    customerExternalId: `customer-${r.below(3)}`,
    subtotal: money(1000),
    totalPrice: money(500 + r.below(20_000)),
    totalDiscounts: r.chance(0.3) ? null : money(r.below(300)),
    totalTax: money(r.below(500)),
    currentTotalPrice: null,
    totalRefunded: null,
    test: r.chance(0.1),
    cancelledAt: r.chance(0.15) ? updatedAt : null,
    processedAt,
    sourceUpdatedAt: updatedAt,
    observedAt: updatedAt,
    lineItems: lines,
    refunds,
    transactions: [],
  });
}

// One change to an order's latest copy, alone, so each table's trigger has to catch it by itself.
function edited(r: ReturnType<typeof random>, order: OrderRecord, version: number): OrderRecord {
  const updatedAt = new Date(BASE + version * 1000).toISOString();
  const next: OrderRecord = { ...order, sourceUpdatedAt: updatedAt, observedAt: updatedAt, lineItems: [...order.lineItems], refunds: [...order.refunds] };
  const line = order.lineItems.length ? r.below(order.lineItems.length) : -1;
  const refund = order.refunds.length ? r.below(order.refunds.length) : -1;
  switch (r.below(8)) {
    case 0:
      if (line >= 0) next.lineItems[line] = { ...next.lineItems[line]!, quantity: next.lineItems[line]!.quantity + 1 };
      break;
    case 1:
      if (line >= 0) next.lineItems.splice(line, 1);
      break;
    case 2:
      next.lineItems.push(lineItemRecord(`${order.externalId}-added-${version}`, { productExternalId: "product-1", title: "Added" }));
      break;
    case 3:
      next.refunds.push(refundRecord(`${order.externalId}-r-${version}`, { total: { amount: "3.25", currency: order.currency }, sourceCreatedAt: updatedAt }));
      break;
    case 4:
      if (refund >= 0) next.refunds.splice(refund, 1);
      break;
    case 5:
      if (refund >= 0) next.refunds[refund] = { ...next.refunds[refund]!, total: { amount: "1.11", currency: order.currency } };
      break;
    case 6:
      next.cancelledAt = order.cancelledAt ? null : updatedAt;
      break;
    default:
      next.processedAt = new Date(Date.parse(order.processedAt ?? order.sourceCreatedAt) + (r.below(24) - 12) * HOUR).toISOString();
  }
  return next;
}

describe("dashboard rollups", () => {
  it.each([1, 2, 3, 4])("equal a recomputation from the base tables after every step of a random history (seed %i)", async (seed) => {
    const r = random(seed);
    const first = await buildCommerceScope();
    const second: IngestScope = { workspaceId: first.workspaceId, connectionId: (await buildConnection(first.workspaceId)).id };
    const ids = Array.from({ length: 8 }, (_, i) => `o${i}`);
    const latest = new Map<string, OrderRecord>();
    let version = 1;
    for (let step = 0; step < 80; step++) {
      const scope = r.chance(0.75) ? first : second;
      const action = r.below(12);
      let what: string;
      if (action < 3) {
        const batch = Array.from({ length: 1 + r.below(4) }, () => randomOrder(r, r.pick(ids), version++));
        // Now and then a stale copy, which must change nothing.
        if (r.chance(0.2)) batch.push(randomOrder(r, r.pick(ids), 0));
        await ingestOrders(scope, batch);
        for (const order of batch) if (order.sourceUpdatedAt > (latest.get(`${scope.connectionId}/${order.externalId}`)?.sourceUpdatedAt ?? "")) latest.set(`${scope.connectionId}/${order.externalId}`, order);
        what = `ingest ${batch.map((o) => o.externalId).join(",")}`;
      } else if (action < 9) {
        const known = [...latest.entries()].filter(([key]) => key.startsWith(`${scope.connectionId}/`));
        if (known.length === 0) continue;
        const [key, order] = r.pick(known);
        const next = edited(r, order, version++);
        await ingestOrders(scope, [next]);
        latest.set(key, next);
        what = `edit ${order.externalId}`;
      } else if (action < 10) {
        const externalId = r.pick(ids);
        await applyDeletions(scope, [{ resource: "order", externalId, occurredAt: new Date(BASE + version++ * 1000).toISOString() }]);
        what = `delete ${externalId}`;
      } else if (action < 11) {
        await redactCustomer(scope, `customer-${r.below(3)}`, [r.pick(ids)]);
        what = "redact";
      } else {
        const timeZone = r.pick(["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"]);
        await db.workspace.update({ where: { id: first.workspaceId }, data: { timeZone } });
        await rebuildDashboardRollups(first.workspaceId);
        what = `time zone ${timeZone}`;
      }
      await expectRollupsExact(first.workspaceId, `seed ${seed}, step ${step}: ${what}`);
    }
    expect(await db.dailySalesRollup.count({ where: { workspaceId: first.workspaceId } })).toBeGreaterThan(0);
  });
});

describe("dashboard rollups, each write path", () => {
  const sales = async (workspaceId: string) =>
    (await db.dailySalesRollup.findMany({ where: { workspaceId }, orderBy: [{ day: "asc" }, { currency: "asc" }] })).map((r) => ({
      day: r.day.toISOString().slice(0, 10),
      currency: r.currency,
      orders: r.orders,
      grossSales: r.grossSales.toFixed(2),
      units: r.units,
      refunds: r.refunds,
      refunded: r.refunded.toFixed(2),
    }));
  const newer = (order: OrderRecord, seconds: number, changes: Partial<OrderRecord>): OrderRecord => {
    const at = new Date(Date.parse(order.sourceUpdatedAt) + seconds * 1000).toISOString();
    return { ...order, sourceUpdatedAt: at, observedAt: at, ...changes };
  };

  it("new orders: one without line items counts on its own, next to one with them in the same batch", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [
      orderRecord("bare", { processedAt: "2026-03-01T10:00:00.000Z", totalPrice: { amount: "12.00", currency: "USD" }, lineItems: [] }),
      orderRecord("lined", { processedAt: "2026-03-02T10:00:00.000Z", totalPrice: { amount: "40.00", currency: "USD" } }),
    ]);
    expect(await sales(scope.workspaceId)).toEqual([
      { day: "2026-03-01", currency: "USD", orders: 1, grossSales: "12.00", units: 0, refunds: 0, refunded: "0.00" },
      { day: "2026-03-02", currency: "USD", orders: 1, grossSales: "40.00", units: 4, refunds: 0, refunded: "0.00" },
    ]);
    await expectRollupsExact(scope.workspaceId);
  });

  it("sync ingest: a newer copy that changes only a line item's quantity, only a refund, or only the cancellation", async () => {
    const scope = await buildCommerceScope();
    const order = orderRecord("1", { processedAt: "2026-03-01T10:00:00.000Z", totalPrice: { amount: "40.00", currency: "USD" } });
    await ingestOrders(scope, [order]);
    expect(await sales(scope.workspaceId)).toEqual([{ day: "2026-03-01", currency: "USD", orders: 1, grossSales: "40.00", units: 4, refunds: 0, refunded: "0.00" }]);

    const moreOfOne = newer(order, 1, { lineItems: [{ ...order.lineItems[0]!, quantity: 5 }, order.lineItems[1]!] });
    await ingestOrders(scope, [moreOfOne]);
    expect((await sales(scope.workspaceId))[0]).toMatchObject({ orders: 1, units: 7 });

    const refunded = newer(moreOfOne, 2, { refunds: [refundRecord("r1", { total: { amount: "7.50", currency: "USD" }, sourceCreatedAt: "2026-03-03T09:00:00.000Z" })] });
    await ingestOrders(scope, [refunded]);
    expect(await sales(scope.workspaceId)).toEqual([
      { day: "2026-03-01", currency: "USD", orders: 1, grossSales: "40.00", units: 7, refunds: 0, refunded: "0.00" },
      { day: "2026-03-03", currency: "USD", orders: 0, grossSales: "0.00", units: 0, refunds: 1, refunded: "7.50" },
    ]);

    const refundChanged = newer(refunded, 3, { refunds: [{ ...refunded.refunds[0]!, total: { amount: "8.00", currency: "USD" } }] });
    await ingestOrders(scope, [refundChanged]);
    expect((await sales(scope.workspaceId))[1]).toMatchObject({ refunds: 1, refunded: "8.00" });

    // A cancellation that brings its refund in the same copy: neither the order nor the refund counts.
    const cancelled = newer(refundChanged, 4, {
      cancelledAt: "2026-03-04T00:00:00.000Z",
      refunds: [...refundChanged.refunds, refundRecord("r2", { total: { amount: "32.00", currency: "USD" }, sourceCreatedAt: "2026-03-04T00:00:00.000Z" })],
    });
    await ingestOrders(scope, [cancelled]);
    expect(await sales(scope.workspaceId)).toEqual([]);
    await expectRollupsExact(scope.workspaceId);
  });

  it("soft deletions: a deleted order leaves the figures, with its refunds", async () => {
    const scope = await buildCommerceScope();
    const order = orderRecord("1", { processedAt: "2026-03-01T10:00:00.000Z", refunds: [refundRecord("r1", { sourceCreatedAt: "2026-03-02T10:00:00.000Z" })] });
    await ingestOrders(scope, [order, orderRecord("2", { processedAt: "2026-03-01T11:00:00.000Z" })]);
    expect((await sales(scope.workspaceId)).map((r) => [r.day, r.orders, r.refunds])).toEqual([["2026-03-01", 2, 0], ["2026-03-02", 0, 1]]);

    await applyDeletions(scope, [{ resource: "order", externalId: "1", occurredAt: "2026-03-05T00:00:00.000Z" }]);
    expect((await sales(scope.workspaceId)).map((r) => [r.day, r.orders, r.refunds])).toEqual([["2026-03-01", 1, 0]]);
    await expectRollupsExact(scope.workspaceId);
  });

  it("redaction changes no figure and the shop's erasure (shop/redact) removes them all", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", { processedAt: "2026-03-01T10:00:00.000Z", customerExternalId: "c1" })]);
    const before = await sales(scope.workspaceId);
    expect(await redactCustomer(scope, "c1", ["1"])).toMatchObject({ orders: 1 });
    expect(await sales(scope.workspaceId)).toEqual(before);

    await deleteShopData(scope);
    expect(await sales(scope.workspaceId)).toEqual([]);
    expect(await db.dailyProductRollup.count({ where: { workspaceId: scope.workspaceId } })).toBe(0);
  });

  it("a person's edit outside ingest (any statement on the tables) is caught as well", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", { processedAt: "2026-03-01T10:00:00.000Z" })]);
    await db.order.updateMany({ where: scope, data: { test: true } });
    expect(await sales(scope.workspaceId)).toEqual([]);
    await db.order.updateMany({ where: scope, data: { test: false, processedAt: new Date("2026-03-02T10:00:00.000Z") } });
    expect((await sales(scope.workspaceId)).map((r) => [r.day, r.orders, r.units])).toEqual([["2026-03-02", 1, 4]]);
    await db.orderLineItem.deleteMany({ where: scope });
    expect((await sales(scope.workspaceId)).map((r) => [r.day, r.orders, r.units])).toEqual([["2026-03-02", 1, 0]]);
    await expectRollupsExact(scope.workspaceId);
  });

  it("the time zone decides the day, and a rebuild moves every sale to its new day", async () => {
    const scope = await buildCommerceScope();
    // 02:00 UTC is still the evening before in Los Angeles.
    await ingestOrders(scope, [orderRecord("1", { processedAt: "2026-03-02T02:00:00.000Z" })]);
    expect((await sales(scope.workspaceId)).map((r) => r.day)).toEqual(["2026-03-02"]);
    await db.workspace.update({ where: { id: scope.workspaceId }, data: { timeZone: "America/Los_Angeles" } });
    await rebuildDashboardRollups(scope.workspaceId);
    expect((await sales(scope.workspaceId)).map((r) => r.day)).toEqual(["2026-03-01"]);
    await expectRollupsExact(scope.workspaceId);
  });

  describe("a time-zone change, in the background", () => {
    // Around midnight in UTC and in Kolkata, with a refund on another day: every key moves.
    const history = () => [
      orderRecord("1", { processedAt: "2026-03-01T20:00:00.000Z" }),
      { ...orderRecord("2", { processedAt: "2026-03-02T02:00:00.000Z" }), refunds: [refundRecord("2-r", { sourceCreatedAt: "2026-03-03T19:00:00.000Z" })] },
      orderRecord("3", { processedAt: "2026-03-31T21:00:00.000Z" }),
    ];
    const changeTo = (workspaceId: string, timeZone: string) =>
      new InngestTestEngine({ function: changeWorkspaceTimeZone, events: [{ name: "app/workspace.time-zone.change.requested", data: { workspaceId, timeZone } }] }).execute();

    it("counts every day again in the new zone and switches to it, its progress on the run", async () => {
      const scope = await buildCommerceScope();
      await ingestOrders(scope, history());
      const { result } = await changeTo(scope.workspaceId, "Asia/Kolkata");

      expect(result).toEqual({ outcome: "changed", timeZone: "Asia/Kolkata" });
      expect((await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId } })).timeZone).toBe("Asia/Kolkata");
      expect((await sales(scope.workspaceId)).map((r) => r.day)).toEqual(["2026-03-02", "2026-03-04", "2026-04-01"]);
      await expectRollupsExact(scope.workspaceId);
      // Keys of both zones: the old zone's days emptied, the new zone's filled.
      const run = await db.jobRun.findFirstOrThrow({ where: { workspaceId: scope.workspaceId, kind: "time-zone-change" } });
      expect(run).toMatchObject({ status: "SUCCEEDED", progressDone: 6, progressTotal: 6 });
    });

    it("a rebuild that fails changes nothing: the old zone and its figures stay, exact", async () => {
      const scope = await buildCommerceScope();
      await ingestOrders(scope, history());
      const before = await storedRollups(scope.workspaceId);
      // A zone PostgreSQL does not know fails the rebuild after the zone was set, in its transaction.
      const { error } = await changeTo(scope.workspaceId, "Mars/Olympus_Mons");

      expect(String((error as Error | undefined)?.message)).toContain("Mars/Olympus_Mons");
      expect((await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId } })).timeZone).toBe("UTC");
      expect(await storedRollups(scope.workspaceId)).toEqual(before);
      await expectRollupsExact(scope.workspaceId);
    });

    it("a change queued after another wins: the earlier one, run later, does nothing", async () => {
      const scope = await buildCommerceScope();
      await ingestOrders(scope, history());
      const queued = (at: string) =>
        db.jobRun.create({ data: { workspaceId: scope.workspaceId, kind: "time-zone-change", functionId: "change-workspace-time-zone", trigger: "MANUAL", status: "QUEUED", queuedAt: new Date(at) }, select: { id: true } });
      const earlier = await queued("2026-03-05T10:00:00.000Z");
      await queued("2026-03-05T10:00:01.000Z");
      const t = new InngestTestEngine({
        function: changeWorkspaceTimeZone,
        events: [{ name: "app/workspace.time-zone.change.requested", data: { workspaceId: scope.workspaceId, timeZone: "Asia/Kolkata", job: { jobRunId: earlier.id } } }],
      });
      expect((await t.execute()).result).toEqual({ outcome: "superseded", timeZone: null });
      expect((await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId } })).timeZone).toBe("UTC");
      await expectRollupsExact(scope.workspaceId);
    });
  });

  describe("webhooks", () => {
    const SHOP = "rollups.myshopify.com";
    let sandbox: ShopifySandbox;
    beforeAll(async () => {
      sandbox = await startShopifySandbox({ apiKey: "k", apiSecret: "s", shops: [{ domain: SHOP, volume: { orders: 6 } }] });
    }, 60_000);
    afterAll(() => sandbox?.stop());

    async function deliver(scope: IngestScope, topic: "orders/create" | "orders/cancelled" | "orders/delete", id: number) {
      const payload = JSON.parse(JSON.stringify(buildPayload(sandbox.shop(SHOP), topic, { id })));
      const delivery = await db.webhookEvent.create({ data: { ...scope, provider: "SHOPIFY", externalId: randomUUID(), topic, payload } });
      expect(await processWebhook({ workspaceId: scope.workspaceId, webhookEventId: delivery.id, topic })).toMatchObject({ status: "PROCESSED" });
    }

    it("orders created, cancelled and deleted through webhook processing keep the rollups exact", async () => {
      const scope = await buildCommerceScope();
      const { store } = sandbox.shop(SHOP);
      const orders = [...store.orders.records()].filter((o) => !o.test && o.cancelledAt === null).slice(0, 3);
      for (const order of orders) await deliver(scope, "orders/create", order.id);
      const counted = async () => (await sales(scope.workspaceId)).reduce((sum, r) => sum + r.orders, 0);
      expect(await counted()).toBe(3);
      await expectRollupsExact(scope.workspaceId);

      await deliver(scope, "orders/cancelled", store.cancelOrder(orders[0]!.id).id);
      expect(await counted()).toBe(2);
      await expectRollupsExact(scope.workspaceId);

      await deliver(scope, "orders/delete", orders[1]!.id);
      expect(await counted()).toBe(1);
      await expectRollupsExact(scope.workspaceId);
    });
  });

  it("two transactions changing one store's day at once (outside ingest's lock) both count, one after the other", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("a", { processedAt: "2026-03-01T10:00:00.000Z" }), orderRecord("b", { processedAt: "2026-03-01T11:00:00.000Z" })]);
    const [first, second] = [new pg.Client({ connectionString: process.env.DATABASE_URL }), new pg.Client({ connectionString: process.env.DATABASE_URL })];
    await Promise.all([first.connect(), second.connect()]);
    try {
      const raise = (client: pg.Client, externalId: string) =>
        client.query(`UPDATE "Order" SET "totalPrice" = "totalPrice" + 1 WHERE "workspaceId" = $1 AND "connectionId" = $2 AND "externalId" = $3`, [scope.workspaceId, scope.connectionId, externalId]);
      await first.query("BEGIN");
      await raise(first, "a");
      await second.query("BEGIN");
      const pid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const secondUpdate = raise(second, "b");
      // The second waits for the first (on the connection's lock) before it recomputes the day.
      for (;;) {
        const { rows } = await first.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
        if (rows[0]?.wait_event_type === "Lock") break;
      }
      await first.query("COMMIT");
      await secondUpdate;
      await second.query("COMMIT");
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    expect((await sales(scope.workspaceId)).map((r) => [r.orders, r.grossSales])).toEqual([[2, "40.00"]]);
    await expectRollupsExact(scope.workspaceId);
  });
});
