import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { ingestInventoryLevels, ingestProducts } from "@/server/ingest";

// The SKU totals' triggers (migration inventory_sku_total_deltas) write only what changed: a
// statement that touches a SKU without moving its figures leaves its row's version (xmin, ctid)
// as it was, and a level's change is added to its SKU's row instead of recomputing it.

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client?.end());

type Version = { sku: string; version: string; storeAvailable: number; fulfillable: number; onHand: number; title: string };

async function versions(workspaceId: string): Promise<Version[]> {
  const { rows } = await client.query<Version>(
    `SELECT sku, xmin::text || ctid::text AS version, "storeAvailable", fulfillable, "onHand", title
     FROM "InventorySkuTotal" WHERE "workspaceId" = $1 ORDER BY sku`,
    [workspaceId],
  );
  return rows;
}

// A store and a 3PL carrying SKU-A (and the store SKU-B), with stock at two store locations and a
// 3PL warehouse.
async function setup() {
  const store = await buildCommerceScope();
  const tpl = await buildConnection(store.workspaceId, { provider: "SHIPBOB", externalAccountId: `3pl-${randomUUID()}`, displayName: "3PL" });
  const tplScope = { workspaceId: store.workspaceId, connectionId: tpl.id };
  await ingestProducts(store, [
    productRecord("shirt", { title: "A shirt", variants: [variantRecord("a", { sku: "SKU-A", inventoryItemExternalId: "item-a" }), variantRecord("b", { sku: "SKU-B", inventoryItemExternalId: "item-b" })] }),
  ]);
  await ingestProducts(tplScope, [productRecord("3pl-shirt", { title: "Z shirt", variants: [variantRecord("3a", { sku: "SKU-A", inventoryItemExternalId: "3pl-a" })] })]);
  await ingestInventoryLevels(store, [
    inventoryLevelRecord("item-a", "l1", { available: 4 }),
    inventoryLevelRecord("item-a", "l2", { available: 6 }),
    inventoryLevelRecord("item-b", "l1", { available: 1 }),
  ]);
  await ingestInventoryLevels(tplScope, [inventoryLevelRecord("3pl-a", "w1", { available: 3, onHand: 9 })]);
  const before = await versions(store.workspaceId);
  expect(before.map(({ sku, storeAvailable, fulfillable, onHand, title }) => ({ sku, storeAvailable, fulfillable, onHand, title }))).toEqual([
    { sku: "SKU-A", storeAvailable: 10, fulfillable: 3, onHand: 9, title: "A shirt" },
    { sku: "SKU-B", storeAvailable: 1, fulfillable: 0, onHand: 0, title: "A shirt" },
  ]);
  return { store, tplScope, before };
}

describe("InventorySkuTotal writes", () => {
  it("leaves a SKU's row unwritten when a level batch moves stock between its locations", async () => {
    const { store, before } = await setup();
    // Newer readings: 1 unit moved from l1 to l2, and a new location with none.
    const counts = await ingestInventoryLevels(store, [
      inventoryLevelRecord("item-a", "l1", { available: 3, sourceUpdatedAt: "2026-02-01T00:00:00.000Z" }),
      inventoryLevelRecord("item-a", "l2", { available: 7, sourceUpdatedAt: "2026-02-01T00:00:00.000Z" }),
      inventoryLevelRecord("item-a", "l3", { available: 0, onHand: 0, committed: 0, sourceUpdatedAt: "2026-02-01T00:00:00.000Z" }),
    ]);
    expect(counts).toMatchObject({ inserted: 1, updated: 2 });
    expect(await versions(store.workspaceId)).toEqual(before);
  });

  it("leaves rows unwritten when a product sync touches their SKUs without changing them", async () => {
    const { store, tplScope, before } = await setup();
    // The 3PL's product renamed (the store's title names the SKU) and given a second variant on
    // the inventory item it already counts once.
    const counts = await ingestProducts(tplScope, [
      productRecord("3pl-shirt", {
        title: "Y shirt",
        sourceUpdatedAt: "2026-02-01T00:00:00.000Z",
        variants: [
          variantRecord("3a", { sku: "SKU-A", inventoryItemExternalId: "3pl-a" }),
          variantRecord("3a-bis", { sku: "SKU-A", inventoryItemExternalId: "3pl-a", position: 2 }),
        ],
      }),
    ]);
    expect(counts.updated + counts.inserted).toBeGreaterThan(0);
    expect(await versions(store.workspaceId)).toEqual(before);
  });

  it("adds a level's change to its SKU's row instead of recomputing it, writing that row alone", async () => {
    const { store, tplScope, before } = await setup();
    // A stored figure off by 100: a recomputation would put it back, a difference keeps the offset.
    await client.query(`UPDATE "InventorySkuTotal" SET fulfillable = fulfillable + 100 WHERE "workspaceId" = $1 AND sku = 'SKU-A'`, [store.workspaceId]);
    const [offset] = await versions(store.workspaceId);
    await ingestInventoryLevels(tplScope, [inventoryLevelRecord("3pl-a", "w1", { available: 5, onHand: 11, sourceUpdatedAt: "2026-02-01T00:00:00.000Z" })]);
    const after = await versions(store.workspaceId);
    expect(after[0]).toMatchObject({ sku: "SKU-A", storeAvailable: 10, fulfillable: 105, onHand: 11 });
    expect(after[0]!.version).not.toEqual(offset!.version);
    expect(after[1]).toEqual(before[1]);
  });
});
