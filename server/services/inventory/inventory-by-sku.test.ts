import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, locationRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertLocation, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { workspaceDb } from "@/server/db";
import { findInventoryBySku } from "./find-inventory-by-sku";
import { findInventoryBySkuInput, type FindInventoryBySkuInput } from "./schema";

async function thirdParty(workspaceId: string, overrides: { status?: "DISCONNECTED" } = {}): Promise<CommerceScope> {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "3PL", ...overrides });
  return { workspaceId, connectionId: connection.id };
}

// One product per SKU with one variant whose inventory item is "item-<sku>".
async function stock(scope: CommerceScope, sku: string, levels: Record<string, number>, extras: { onHand?: number; committed?: number; incoming?: number } = {}) {
  const id = `${sku}-${crypto.randomUUID().slice(0, 6)}`;
  await insertProduct(scope, productRecord(id, { title: `Product ${sku}`, variants: [variantRecord(id, { sku, inventoryItemExternalId: `item-${id}` })] }));
  await insertInventoryLevels(
    scope,
    Object.entries(levels).map(([location, available]) => inventoryLevelRecord(`item-${id}`, location, { available, onHand: extras.onHand ?? available, committed: extras.committed ?? 0, incoming: extras.incoming ?? 0 })),
  );
}

describe("inventory by SKU across store and 3PL", () => {
  let store: CommerceScope;
  let tpl: CommerceScope;

  const list = (overrides: Partial<FindInventoryBySkuInput> = {}) =>
    findInventoryBySku(workspaceDb(store.workspaceId), store.workspaceId, findInventoryBySkuInput.parse({ limit: 100, ...overrides }));
  const skus = async (overrides: Partial<FindInventoryBySkuInput> = {}) => (await list(overrides)).items.map((row) => row.sku);

  beforeAll(async () => {
    store = await buildCommerceScope();
    tpl = await thirdParty(store.workspaceId);
    await insertLocation(store, locationRecord("shop-a", { name: "Shop A" }));
    await insertLocation(store, locationRecord("shop-b", { name: "Shop B" }));
    await insertLocation(tpl, locationRecord("fc-1", { name: "Centre 1" }));
    await insertLocation(tpl, locationRecord("fc-2", { name: "Centre 2" }));

    await stock(store, "EQUAL", { "shop-a": 4, "shop-b": 6 });
    await stock(tpl, "EQUAL", { "fc-1": 7, "fc-2": 3 }, { onHand: 9, committed: 1, incoming: 2 });
    await stock(store, "OFF-BY-3", { "shop-a": 10 });
    await stock(tpl, "OFF-BY-3", { "fc-1": 7 });
    await stock(store, "STORE-ONLY", { "shop-a": 5 });
    await stock(tpl, "TPL-ONLY", { "fc-2": 8 });
    // A level at a centre whose location row has not been synced yet.
    await stock(tpl, "UNSYNCED-CENTRE", { "fc-9": 1 });
    await stock(store, "UNSYNCED-CENTRE", { "shop-a": 1 });

    // A disconnected 3PL's stale stock never counts.
    const gone = await thirdParty(store.workspaceId, { status: "DISCONNECTED" });
    await stock(gone, "EQUAL", { "fc-1": 500 });
    await stock(gone, "GONE-ONLY", { "fc-1": 5 });

    // Another workspace with the same SKUs and a wild difference.
    const foreign = await buildCommerceScope();
    const foreignTpl = await thirdParty(foreign.workspaceId);
    await stock(foreign, "EQUAL", { "shop-a": 1000 });
    await stock(foreignTpl, "FOREIGN-ONLY", { "fc-1": 1 });
  });

  it("sums each side per SKU with a per-location breakdown", async () => {
    const { items, nextCursor, hasFulfilmentConnection } = await list();
    expect(nextCursor).toBeNull();
    expect(hasFulfilmentConnection).toBe(true);
    expect(items.map((row) => row.sku)).toEqual(["EQUAL", "OFF-BY-3", "STORE-ONLY", "TPL-ONLY", "UNSYNCED-CENTRE"]);
    expect(items[0]).toMatchObject({
      sku: "EQUAL",
      title: "Product EQUAL",
      inStore: true,
      inFulfilment: true,
      storeAvailable: 10,
      fulfillable: 10,
      onHand: 18,
      committed: 2,
      awaiting: 4,
      difference: 0,
    });
    expect(items[0]!.locations.map((l) => [l.side, l.name, l.available])).toEqual([
      ["store", "Shop A", 4],
      ["store", "Shop B", 6],
      ["fulfilment", "Centre 1", 7],
      ["fulfilment", "Centre 2", 3],
    ]);
    expect(items[2]).toMatchObject({ sku: "STORE-ONLY", inStore: true, inFulfilment: false, storeAvailable: 5, fulfillable: 0, difference: null });
    expect(items[3]).toMatchObject({ sku: "TPL-ONLY", inStore: false, inFulfilment: true, storeAvailable: 0, fulfillable: 8, difference: null });
    expect(items[4]!.locations.find((l) => l.side === "fulfilment")).toMatchObject({ locationExternalId: "fc-9", name: null, available: 1 });
  });

  it("shows discrepancies beyond the threshold only where both systems know the SKU", async () => {
    expect(await skus({ show: "discrepancies" })).toEqual(["OFF-BY-3"]);
    expect(await skus({ show: "discrepancies", threshold: 2 })).toEqual(["OFF-BY-3"]);
    expect(await skus({ show: "discrepancies", threshold: 3 })).toEqual([]);
    expect((await list({ show: "discrepancies" })).items[0]).toMatchObject({ storeAvailable: 10, fulfillable: 7, difference: 3 });
  });

  it("shows SKUs known to one system only", async () => {
    expect(await skus({ show: "one-system" })).toEqual(["STORE-ONLY", "TPL-ONLY"]);
  });

  it("searches by SKU prefix, case-insensitively and literally", async () => {
    expect(await skus({ search: "off-" })).toEqual(["OFF-BY-3"]);
    expect(await skus({ search: "%" })).toEqual([]);
    expect(await skus({ search: "s", show: "one-system" })).toEqual(["STORE-ONLY"]);
  });

  it("pages by SKU without gaps or repeats", async () => {
    const all = await skus();
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((row) => row.sku));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it("says when the workspace has no 3PL, and shows every SKU as store-only", async () => {
    const alone = await buildCommerceScope();
    await stock(alone, "SOLO", { "shop-a": 2 });
    const page = await findInventoryBySku(workspaceDb(alone.workspaceId), alone.workspaceId, findInventoryBySkuInput.parse({}));
    expect(page.hasFulfilmentConnection).toBe(false);
    expect(page.items).toMatchObject([{ sku: "SOLO", inStore: true, inFulfilment: false, storeAvailable: 2 }]);
  });

  it("answers a negative threshold and a malformed cursor with BAD_REQUEST", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const caller = callerFor(owner).inventory;
    const threshold = await errorOf(caller.bySku({ workspaceSlug: workspace.slug, show: "discrepancies", threshold: -1 }));
    expect(threshold.code).toBe("BAD_REQUEST");
    expect((threshold.cause as ZodError).issues[0]!.path).toEqual(["threshold"]);
    await buildConnection(workspace.id);
    const cursor = await errorOf(caller.bySku({ workspaceSlug: workspace.slug, cursor: Buffer.from("\u0000").toString("base64url") }));
    expect(cursor.code).toBe("BAD_REQUEST");
  });
});
