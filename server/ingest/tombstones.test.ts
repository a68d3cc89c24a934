import { describe, expect, it } from "vitest";
import { at, buildCommerceScope, customerRecord, orderRecord, productRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { db } from "@/server/db";
import { ingestCustomers } from "./customers";
import { applyDeletions } from "./deletions";
import { ingestOrders } from "./orders";
import { ingestProducts } from "./products";
import type { IngestScope } from "./shared";

const key = (scope: IngestScope, externalId: string) => ({ workspaceId_connectionId_externalId: { ...scope, externalId } });
const order = (scope: IngestScope, externalId: string) => db.order.findUnique({ where: key(scope, externalId), include: { lineItems: true } });
const customer = (scope: IngestScope, externalId: string) => db.customer.findUnique({ where: key(scope, externalId) });
const product = (scope: IngestScope, externalId: string) => db.product.findUnique({ where: key(scope, externalId), include: { variants: true } });

// The record as a backfill read it before the deletion, written after the deletion was applied.
describe("a deletion applied before its record is stored", () => {
  it("stores the order, customer and product already deleted at the deletion's time, counted as deleted", async () => {
    const scope = await buildCommerceScope();
    expect(
      await applyDeletions(scope, [
        { resource: "order", externalId: "o1", occurredAt: at(100) },
        { resource: "customer", externalId: "c1", occurredAt: at(100) },
        { resource: "product", externalId: "p1", occurredAt: at(100) },
      ]),
    ).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 3, deleted: 0 });

    expect(await ingestOrders(scope, [orderRecord("o1", { sourceUpdatedAt: at(50) }), orderRecord("o2")])).toMatchObject({
      read: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      deleted: 1,
    });
    expect(await ingestCustomers(scope, [customerRecord("c1", { sourceUpdatedAt: at(100) })])).toEqual({ read: 1, inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
    expect(await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(50) })])).toMatchObject({ read: 1, inserted: 0, deleted: 1 });

    expect((await order(scope, "o1"))!.deletedAt!.toISOString()).toBe(at(100));
    // Its children stay with it, as with any deleted order.
    expect((await order(scope, "o1"))!.lineItems).toHaveLength(2);
    expect((await order(scope, "o2"))!.deletedAt).toBeNull();
    expect((await customer(scope, "c1"))!.deletedAt!.toISOString()).toBe(at(100));
    expect((await product(scope, "p1"))!.deletedAt!.toISOString()).toBe(at(100));

    // Later copies meet a deleted row, which nothing revives.
    expect(await ingestOrders(scope, [orderRecord("o1", { sourceUpdatedAt: at(60), name: "#again" })])).toMatchObject({ unchanged: 1, deleted: 0 });
    expect((await order(scope, "o1"))!.name).toBe("#o1");
  });

  it("keeps the record deleted even when its copy claims a later update than the deletion (ids are never reused)", async () => {
    const scope = await buildCommerceScope();
    await applyDeletions(scope, [{ resource: "order", externalId: "o1", occurredAt: at(100) }]);
    expect(await ingestOrders(scope, [orderRecord("o1", { sourceUpdatedAt: at(101) })])).toMatchObject({ read: 1, inserted: 0, deleted: 1 });
    expect((await order(scope, "o1"))!.deletedAt!.toISOString()).toBe(at(100));
  });

  it("counts a batch that mixes inserts, updates, replays, duplicates and tombstoned records so they add up", async () => {
    const scope = await buildCommerceScope();
    await ingestCustomers(scope, [customerRecord("stored"), customerRecord("replayed")]);
    await applyDeletions(scope, [
      { resource: "customer", externalId: "gone-1", occurredAt: at(100) },
      { resource: "customer", externalId: "gone-2", occurredAt: at(100) },
    ]);
    expect(
      await ingestCustomers(scope, [
        customerRecord("new"),
        customerRecord("stored", { sourceUpdatedAt: at(10), lastName: "Changed" }),
        customerRecord("replayed"),
        customerRecord("gone-1"),
        customerRecord("gone-1", { sourceUpdatedAt: at(5) }),
        customerRecord("gone-2"),
      ]),
    ).toEqual({ read: 6, inserted: 1, updated: 1, unchanged: 2, deleted: 2 });
  });

  it("only affects its own workspace and connection", async () => {
    const scope = await buildCommerceScope();
    const sameWorkspace = { workspaceId: scope.workspaceId, connectionId: (await buildConnection(scope.workspaceId)).id };
    const otherWorkspace = await buildCommerceScope();
    await applyDeletions(scope, [
      { resource: "order", externalId: "1", occurredAt: at(100) },
      { resource: "product", externalId: "1", occurredAt: at(100) },
    ]);

    for (const other of [sameWorkspace, otherWorkspace]) {
      expect(await ingestOrders(other, [orderRecord("1")])).toMatchObject({ inserted: 1, deleted: 0 });
      expect(await ingestProducts(other, [productRecord("1")])).toMatchObject({ inserted: 1, deleted: 0 });
      expect((await order(other, "1"))!.deletedAt).toBeNull();
      expect((await product(other, "1"))!.deletedAt).toBeNull();
    }
    // Nor across resources: the same id as a customer is another record.
    expect(await ingestCustomers(scope, [customerRecord("1")])).toMatchObject({ inserted: 1, deleted: 0 });
  });
});
