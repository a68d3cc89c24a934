import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, customerRecord, lineItemRecord, orderRecord, refundRecord, transactionRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { findOrders } from "./find-orders";
import { getOrderById } from "./get-order-by-id";
import { findOrdersInput, type FindOrdersInput } from "./schema";

const input = (overrides: Partial<FindOrdersInput> = {}) => findOrdersInput.parse(overrides);

async function allPages(scope: CommerceScope, filters: Partial<FindOrdersInput>, limit: number) {
  const wdb = workspaceDb(scope.workspaceId);
  const seen: { id: string; processedAt: Date }[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await findOrders(wdb, input({ ...filters, limit, cursor }));
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("orders", () => {
  let shop: CommerceScope;
  let other: CommerceScope; // a second connection of the same workspace
  let foreign: CommerceScope; // another workspace
  let owner: { id: string; email: string };
  let slug: string;

  beforeAll(async () => {
    shop = await buildCommerceScope();
    const connection = await buildConnection(shop.workspaceId, { displayName: "Second shop" });
    other = { workspaceId: shop.workspaceId, connectionId: connection.id };
    foreign = await buildCommerceScope();
    const ws = await db.workspace.findUniqueOrThrow({
      where: { id: shop.workspaceId },
      include: { memberships: { include: { user: true } } },
    });
    slug = ws.slug;
    owner = ws.memberships[0]!.user;

    // 1001..1024: three orders per second, so the timestamp ties inside every group.
    for (let n = 1001; n <= 1024; n++) {
      await insertOrder(
        shop,
        orderRecord(String(n), {
          processedAt: at(Math.floor((n - 1001) / 3)),
          financialStatus: n % 2 === 0 ? "PAID" : "PENDING",
          fulfillmentStatus: n % 3 === 0 ? "FULFILLED" : "UNFULFILLED",
          email: `Buyer-${n}@Example.test`,
        }),
      );
    }
    await insertOrder(shop, orderRecord("2001", { processedAt: at(100) }), { deletedAt: new Date() });
    await insertOrder(other, orderRecord("3001", { processedAt: at(5) }));
    await insertOrder(foreign, orderRecord("1001", { processedAt: at(1) }));
  });

  it("pages through every live order once, newest first, stable across timestamp ties", async () => {
    const seen = await allPages(shop, {}, 4);
    const ids = seen.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(25); // 24 + the second connection's; not the deleted one or the foreign one

    const expected = await db.order.findMany({
      where: { workspaceId: shop.workspaceId, deletedAt: null },
      orderBy: [{ processedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(ids).toEqual(expected.map((o) => o.id));
  });

  it("pages the same way when the page size splits a tie", async () => {
    for (const limit of [1, 2, 5]) {
      const ids = (await allPages(shop, {}, limit)).map((o) => o.id);
      expect(new Set(ids).size).toBe(25);
      expect(ids).toHaveLength(25);
    }
  });

  it("finds an order by its name with or without #, and by email prefix in any case", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const names = async (search: string) => (await findOrders(wdb, input({ search }))).items.map((o) => o.name).sort();
    expect(await names("#1001")).toEqual(["#1001"]);
    expect(await names("1001")).toEqual(["#1001"]);
    expect(await names("102")).toEqual(["#1020", "#1021", "#1022", "#1023", "#1024"]);
    expect(await names("BUYER-1013@")).toEqual(["#1013"]);
    expect(await names("buyer-101")).toEqual(["#1010", "#1011", "#1012", "#1013", "#1014", "#1015", "#1016", "#1017", "#1018", "#1019"]);
    // Prefix, not substring: the middle of an email does not match.
    expect(await names("example.test")).toEqual([]);
    // LIKE wildcards are literal characters.
    expect(await names("10_1")).toEqual([]);
    expect(await names("%")).toEqual([]);
  });

  it("filters by financial and fulfillment status, connection and processed date", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const list = async (filters: Partial<FindOrdersInput>) => (await findOrders(wdb, input({ ...filters, limit: 100 }))).items;

    const paid = await list({ financialStatus: "PAID", connectionId: shop.connectionId });
    expect(paid).toHaveLength(12);
    expect(paid.every((o) => o.financialStatus === "PAID")).toBe(true);

    const fulfilledPending = await list({ fulfillmentStatus: "FULFILLED", financialStatus: "PENDING", connectionId: shop.connectionId });
    expect(fulfilledPending.map((o) => o.name).sort()).toEqual(["#1005", "#1011", "#1017", "#1023"]);

    expect((await list({ connectionId: other.connectionId })).map((o) => o.name)).toEqual(["#3001"]);

    // Seconds 2 and 3 hold #1007..#1012; both ends are inclusive.
    const ranged = await list({ from: new Date(at(2)), to: new Date(at(3)) });
    expect(ranged.map((o) => o.name).sort()).toEqual(["#1007", "#1008", "#1009", "#1010", "#1011", "#1012"]);
  });

  it("lists the customer of each order, matched on connection and customer id", async () => {
    const customer = await insertCustomer(shop, customerRecord("cust-list", { firstName: "Grace", lastName: "Hopper" }));
    await insertOrder(shop, orderRecord("4001", { customerExternalId: "cust-list", processedAt: at(1000) }));
    // Same customer id on the other connection: a different person.
    await insertOrder(other, orderRecord("4002", { customerExternalId: "cust-list", processedAt: at(999) }));
    const [first, second] = (await findOrders(workspaceDb(shop.workspaceId), input({ limit: 2 }))).items;
    expect(first).toMatchObject({ name: "#4001", customer: { id: customer.id, name: "Grace Hopper", redacted: false } });
    expect(second).toMatchObject({ name: "#4002", customer: null });
    await db.order.deleteMany({ where: { externalId: { in: ["4001", "4002"] } } });
  });

  it("assembles the detail: totals as decimal strings, lines, refunds with their lines, transactions, customer", async () => {
    const customer = await insertCustomer(shop, customerRecord("cust-detail"));
    const order = await insertOrder(
      shop,
      orderRecord(
        "5001",
        {
          customerExternalId: "cust-detail",
          totalPrice: { amount: "1234.5600", currency: "EUR" },
          currency: "EUR",
          cancelledAt: at(50),
          cancelReason: "CUSTOMER",
          processedAt: at(-10),
          lineItems: [
            lineItemRecord("5001-1", { quantity: 3, currentQuantity: 2, discountedUnitPrice: { amount: "9.9900", currency: "EUR" } }),
            lineItemRecord("5001-2", { sku: null, variantTitle: null }),
          ],
          refunds: [
            refundRecord("5001-r1", {
              total: { amount: "9.99", currency: "EUR" },
              note: "Damaged",
              lineItems: [{ lineItemExternalId: "5001-1", quantity: 1, restockType: "RETURN", subtotal: { amount: "9.99", currency: "EUR" } }],
            }),
          ],
          transactions: [transactionRecord("5001-t1", { processedAt: at(1) }), transactionRecord("5001-t2", { kind: "REFUND", processedAt: at(60) })],
        },
        0,
      ),
    );
    const detail = await getOrderById(workspaceDb(shop.workspaceId), { orderId: order.id });
    expect(detail).toMatchObject({
      name: "#5001",
      currency: "EUR",
      totalPrice: "1234.56",
      cancelReason: "CUSTOMER",
      customer: { id: customer.id, redacted: false, email: "Customer-cust-detail@Example.test" },
    });
    expect(detail.cancelledAt).toEqual(new Date(at(50)));
    expect(detail.lineItems).toEqual([
      expect.objectContaining({ title: "Item 5001-1", sku: "SKU-5001-1", quantity: 3, currentQuantity: 2, unitPrice: "10", discountedUnitPrice: "9.99", lineTotal: "19.98" }),
      expect.objectContaining({ title: "Item 5001-2", sku: null, variantTitle: null, lineTotal: "19" }),
    ]);
    expect(detail.refunds).toEqual([
      expect.objectContaining({
        note: "Damaged",
        total: "9.99",
        lineItems: [{ lineItemId: detail.lineItems[0]!.id, title: "Item 5001-1", sku: "SKU-5001-1", quantity: 1, restockType: "RETURN", subtotal: "9.99", currency: "EUR" }],
      }),
    ]);
    expect(detail.transactions.map((t) => t.kind)).toEqual(["SALE", "REFUND"]);
    expect(typeof detail.transactions[0]!.amount).toBe("string");
  });

  it("hides a redacted customer's and order's personal data", async () => {
    const customer = await insertCustomer(shop, customerRecord("cust-gone", { email: null, firstName: null, lastName: null }), { redactedAt: new Date() });
    const order = await insertOrder(shop, orderRecord("6001", { customerExternalId: "cust-gone" }), { redactedAt: new Date() });
    const detail = await getOrderById(workspaceDb(shop.workspaceId), { orderId: order.id });
    expect(detail.customer).toEqual({ id: customer.id, name: null, email: null, redacted: true });
    expect(detail).toMatchObject({ email: null, redacted: true });
  });

  it("does not find a deleted order, or another workspace's", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const deleted = await db.order.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, deletedAt: { not: null } } });
    const theirs = await db.order.findFirstOrThrow({ where: { workspaceId: foreign.workspaceId } });
    await expect(getOrderById(wdb, { orderId: deleted.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getOrderById(wdb, { orderId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findOrders(wdb, input({ connectionId: foreign.connectionId }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findOrders(workspaceDb(foreign.workspaceId), input())).items.map((o) => o.name)).toEqual(["#1001"]);
  });

  it("answers bad input with BAD_REQUEST naming the field", async () => {
    const caller = callerFor(owner);
    const badStatus = await errorOf(caller.order.list({ workspaceSlug: slug, financialStatus: "BOGUS" as "PAID" }));
    expect(badStatus.code).toBe("BAD_REQUEST");
    expect((badStatus.cause as ZodError).issues[0]!.path).toEqual(["financialStatus"]);

    const backwards = await errorOf(caller.order.list({ workspaceSlug: slug, from: new Date(at(10)), to: new Date(at(0)) }));
    expect(backwards.code).toBe("BAD_REQUEST");
    expect((backwards.cause as ZodError).issues[0]!.path).toEqual(["to"]);

    const cursor = await errorOf(caller.order.list({ workspaceSlug: slug, cursor: "garbage" }));
    expect(cursor.code).toBe("BAD_REQUEST");
  });
});
