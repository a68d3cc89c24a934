import { describe, expect, it } from "vitest";
import { addressRecord, at, buildCommerceScope, customerRecord, orderRecord, productRecord } from "@/prisma/factories/commerce";
import { db } from "@/server/db";
import { redactCustomer } from "./compliance";
import { ingestCustomers } from "./customers";
import { applyDeletions } from "./deletions";
import { ingestOrders } from "./orders";
import { ingestProducts } from "./products";
import type { IngestScope } from "./shared";

const customer = (scope: IngestScope, externalId: string) =>
  db.customer.findUnique({ where: { workspaceId_connectionId_externalId: { ...scope, externalId } } });
const order = (scope: IngestScope, externalId: string) =>
  db.order.findUnique({ where: { workspaceId_connectionId_externalId: { ...scope, externalId } }, include: { lineItems: true } });

describe("ingestCustomers", () => {
  it("inserts, updates newer copies, ignores older ones and replays, and keeps duplicates from failing", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestCustomers(scope, [customerRecord("1", { tags: ["vip", "b2b"] }), customerRecord("2", { amountSpent: null })])).toEqual({
      read: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      deleted: 0,
    });
    expect(await customer(scope, "1")).toMatchObject({ email: "Customer-1@Example.test", emailLower: "customer-1@example.test", tags: ["vip", "b2b"], currency: "USD" });
    expect(await customer(scope, "2")).toMatchObject({ amountSpent: null, currency: null });

    const counts = await ingestCustomers(scope, [
      customerRecord("1", { sourceUpdatedAt: at(60), lastName: "Lovelace" }),
      customerRecord("2", { sourceUpdatedAt: at(-60), lastName: "Older" }),
      customerRecord("3"),
      customerRecord("3", { sourceUpdatedAt: at(5), phone: null }),
      customerRecord("2", { amountSpent: null }),
    ]);
    expect(counts).toEqual({ read: 5, inserted: 1, updated: 1, unchanged: 3, deleted: 0 });
    expect((await customer(scope, "1"))!.lastName).toBe("Lovelace");
    expect((await customer(scope, "2"))!.lastName).toBe("Buyer 2");
    expect((await customer(scope, "3"))!.phone).toBeNull();
  });

  it("keeps the same external id apart across workspaces", async () => {
    const a = await buildCommerceScope();
    const b = await buildCommerceScope();
    await ingestCustomers(a, [customerRecord("1")]);
    await ingestCustomers(b, [customerRecord("1", { sourceUpdatedAt: at(60), firstName: "Grace" })]);
    expect((await customer(a, "1"))!.firstName).toBe("Ada");
    expect((await customer(b, "1"))!.firstName).toBe("Grace");
  });
});

describe("applyDeletions", () => {
  it("marks orders, customers and products deleted, and a later copy does not bring them back", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("o1"), orderRecord("o2")]);
    await ingestCustomers(scope, [customerRecord("c1")]);
    await ingestProducts(scope, [productRecord("p1")]);

    const counts = await applyDeletions(scope, [
      { resource: "order", externalId: "o1", occurredAt: at(100) },
      { resource: "customer", externalId: "c1", occurredAt: at(100) },
      { resource: "product", externalId: "p1", occurredAt: at(100) },
      { resource: "product", externalId: "p1", occurredAt: at(101) },
      { resource: "order", externalId: "never-stored", occurredAt: at(100) },
      // Same id as a deleted order, other resource: nothing to delete.
      { resource: "customer", externalId: "o1", occurredAt: at(100) },
    ]);
    expect(counts).toEqual({ read: 6, inserted: 0, updated: 0, unchanged: 3, deleted: 3 });
    expect((await order(scope, "o1"))!.deletedAt!.toISOString()).toBe(at(100));
    expect((await order(scope, "o1"))!.lineItems).toHaveLength(2);
    expect((await order(scope, "o2"))!.deletedAt).toBeNull();
    expect((await customer(scope, "c1"))!.deletedAt).not.toBeNull();
    expect((await db.product.findFirst({ where: { ...scope, externalId: "p1" } }))!.deletedAt).not.toBeNull();

    expect(await applyDeletions(scope, [{ resource: "order", externalId: "o1", occurredAt: at(200) }])).toMatchObject({ deleted: 0, unchanged: 1 });
    expect(await ingestOrders(scope, [orderRecord("o1", { sourceUpdatedAt: at(300), name: "#late" })])).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await ingestCustomers(scope, [customerRecord("c1", { sourceUpdatedAt: at(300) })])).toMatchObject({ unchanged: 1 });
    expect(await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(300) })])).toMatchObject({ unchanged: 1 });
    expect((await order(scope, "o1"))!.name).toBe("#o1");
  });

  it("only touches its own connection", async () => {
    const a = await buildCommerceScope();
    const b = await buildCommerceScope();
    await ingestOrders(a, [orderRecord("1")]);
    await ingestOrders(b, [orderRecord("1")]);
    expect(await applyDeletions(b, [{ resource: "order", externalId: "1", occurredAt: at(10) }])).toMatchObject({ deleted: 1 });
    expect((await order(a, "1"))!.deletedAt).toBeNull();
  });
});

describe("redactCustomer", () => {
  it("erases personal data from the customer and their orders, and later syncs do not write it back", async () => {
    const scope = await buildCommerceScope();
    const other = await buildCommerceScope();
    await ingestCustomers(scope, [customerRecord("c1"), customerRecord("c2")]);
    await ingestCustomers(other, [customerRecord("c1")]);
    const addresses = { shippingAddress: addressRecord(), billingAddress: addressRecord({ company: "Harbor Labs" }) };
    await ingestOrders(scope, [
      orderRecord("o1", { customerExternalId: "c1", ...addresses }),
      orderRecord("o2", { customerExternalId: "c1", ...addresses }),
      // Listed by the provider although stored without the customer link.
      orderRecord("o3", { customerExternalId: null, ...addresses }),
      orderRecord("o4", { customerExternalId: "c2", ...addresses }),
    ]);

    expect(await redactCustomer(scope, "c1", ["o1", "o3"])).toEqual({ customers: 1, orders: 3 });

    expect(await customer(scope, "c1")).toMatchObject({ email: null, emailLower: null, firstName: null, lastName: null, phone: null, redactedAt: expect.any(Date) });
    for (const id of ["o1", "o2", "o3"]) {
      expect(await order(scope, id)).toMatchObject({ email: null, emailLower: null, shippingAddress: null, billingAddress: null, redactedAt: expect.any(Date) });
    }
    // Not personal data: the order itself stays for the books.
    expect((await order(scope, "o1"))!.totalPrice.toString()).toBe("19");
    expect(await order(scope, "o4")).toMatchObject({ email: "buyer-o4@example.test", ...addresses });
    expect((await customer(scope, "c2"))!.email).not.toBeNull();
    expect((await customer(other, "c1"))!.email).not.toBeNull();

    await ingestCustomers(scope, [customerRecord("c1", { sourceUpdatedAt: at(60), state: "DISABLED" })]);
    await ingestOrders(scope, [orderRecord("o1", { sourceUpdatedAt: at(60), customerExternalId: "c1", financialStatus: "REFUNDED", ...addresses })]);
    expect(await customer(scope, "c1")).toMatchObject({ state: "DISABLED", email: null, firstName: null, lastName: null, phone: null });
    expect(await order(scope, "o1")).toMatchObject({ financialStatus: "REFUNDED", email: null, emailLower: null, shippingAddress: null, billingAddress: null });
  });
});
