import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, locationRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertLocation, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { findInventoryLevels } from "./find-inventory-levels";
import { listLocations } from "./list-locations";
import { findInventoryLevelsInput, type FindInventoryLevelsInput } from "./schema";

describe("inventory by location", () => {
  let shop: CommerceScope;
  let foreign: CommerceScope;
  let warehouse: { id: string };
  let store: { id: string };
  let foreignLocation: { id: string };

  const list = (overrides: Partial<FindInventoryLevelsInput> & { locationId: string }) =>
    findInventoryLevels(workspaceDb(shop.workspaceId), findInventoryLevelsInput.parse({ limit: 100, ...overrides }));

  beforeAll(async () => {
    shop = await buildCommerceScope();
    foreign = await buildCommerceScope();
    warehouse = await insertLocation(shop, locationRecord("wh", { name: "Warehouse" }));
    store = await insertLocation(shop, locationRecord("store", { name: "Store", isActive: false }));
    foreignLocation = await insertLocation(foreign, locationRecord("wh", { name: "Their warehouse" }));

    // Twelve variants with available 0,0,1,1,2,2,... at the warehouse, a few also at the store.
    const tee = await insertProduct(shop, productRecord("tee", { title: "Organic Tee", variants: [] }));
    const variants = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.productVariant.create({
          data: { ...shop, productId: tee.id, externalId: `tee-${i}`, inventoryItemExternalId: `item-tee-${i}`, title: `Size ${i}`, sku: `TEE-${i}`, price: "5", currency: "USD", sourceUpdatedAt: new Date() },
        }),
      ),
    );
    await insertInventoryLevels(shop, [
      ...variants.map((v, i) => inventoryLevelRecord(v.inventoryItemExternalId!, "wh", { available: Math.floor(i / 2), onHand: 10 + i, committed: 1, incoming: 2 })),
      inventoryLevelRecord("item-tee-0", "store", { available: 50 }),
    ]);
    const mug = await insertProduct(shop, productRecord("mug", { title: "Mug", variants: [variantRecord("mug-v1", { sku: "MUG-1", title: "Default" })] }));
    await insertInventoryLevels(shop, [inventoryLevelRecord(mug.variants[0]!.inventoryItemExternalId!, "wh", { available: 7 })]);
    // A level whose variant has not been synced yet.
    await insertInventoryLevels(shop, [inventoryLevelRecord("item-unknown", "wh", { available: 100 })]);
    await insertInventoryLevels(foreign, [inventoryLevelRecord("item-tee-0", "wh", { available: 999 })]);
  });

  it("lists the locations, active first", async () => {
    const locations = await listLocations(workspaceDb(shop.workspaceId));
    expect(locations.map((l) => [l.name, l.isActive])).toEqual([
      ["Warehouse", true],
      ["Store", false],
    ]);
  });

  it("shows every variant stocked at the location, lowest available first, with product and SKU", async () => {
    const { items, nextCursor, searchTruncated } = await list({ locationId: warehouse.id });
    expect(nextCursor).toBeNull();
    expect(searchTruncated).toBe(false);
    expect(items).toHaveLength(14);
    expect(items.map((r) => r.available)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 7, 100]);
    expect(items[12]).toMatchObject({ available: 7, variant: { title: "Default", sku: "MUG-1" }, product: { title: "Mug" } });
    expect(items[13]).toMatchObject({ available: 100, variant: null, product: null });
    expect(items[0]).toMatchObject({ onHand: expect.any(Number), committed: 1, incoming: 2, product: { title: "Organic Tee" } });

    const atStore = await list({ locationId: store.id });
    expect(atStore.items.map((r) => [r.variant?.sku, r.available])).toEqual([["TEE-0", 50]]);
  });

  it("pages through ties on available without gaps or repeats", async () => {
    const all = (await list({ locationId: warehouse.id })).items.map((r) => r.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ locationId: warehouse.id, limit: 3, cursor });
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it("sorts by on hand either way, paging forwards and back, with the filtered total", async () => {
    for (const dir of ["desc", "asc"] as const) {
      const expected = (
        await db.inventoryLevel.findMany({ where: { workspaceId: shop.workspaceId, locationExternalId: "wh" }, orderBy: [{ onHand: dir }, { id: dir }] })
      ).map((r) => r.id);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ locationId: warehouse.id, sort: "onHand", dir, limit: 4, cursor });
        expect(page.total).toEqual({ count: 14, exact: true });
        pages.push(page.items.map((r) => r.id));
        if (page.nextCursor) {
          const next = await list({ locationId: warehouse.id, sort: "onHand", dir, limit: 4, cursor: page.nextCursor });
          expect((await list({ locationId: warehouse.id, sort: "onHand", dir, limit: 4, before: next.previousCursor! })).items.map((r) => r.id)).toEqual(pages.at(-1));
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.flat()).toEqual(expected);
    }
    expect((await list({ locationId: warehouse.id, lowStockAt: 1, limit: 1 })).total).toEqual({ count: 4, exact: true });
  });

  it("searches by SKU prefix or product/variant title, and filters low stock", async () => {
    const skus = async (overrides: Partial<FindInventoryLevelsInput>) =>
      (await list({ locationId: warehouse.id, ...overrides })).items.map((r) => r.variant?.sku);
    expect(await skus({ search: "mug-" })).toEqual(["MUG-1"]);
    expect((await skus({ search: "tee-1" })).sort()).toEqual(["TEE-1", "TEE-10", "TEE-11"]);
    expect(await skus({ search: "organic" })).toHaveLength(12);
    expect(await skus({ search: "size 11" })).toEqual(["TEE-11"]);
    expect(await skus({ lowStockAt: 1 })).toEqual(expect.arrayContaining(["TEE-0", "TEE-1", "TEE-2", "TEE-3"]));
    expect(await skus({ lowStockAt: 1 })).toHaveLength(4);
    expect(await skus({ lowStockAt: 1, search: "tee-1" })).toEqual(["TEE-1"]);
    expect(await skus({ search: "nothing-like-this" })).toEqual([]);
  });

  it("does not find another workspace's location", async () => {
    await expect(list({ locationId: foreignLocation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const theirs = await findInventoryLevels(workspaceDb(foreign.workspaceId), findInventoryLevelsInput.parse({ locationId: foreignLocation.id }));
    expect(theirs.items.map((r) => r.available)).toEqual([999]);
  });

  it("answers a fractional low-stock threshold with BAD_REQUEST naming the field", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const error = await errorOf(callerFor(owner).inventory.list({ workspaceSlug: workspace.slug, locationId: "x", lowStockAt: 1.5 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as ZodError).issues[0]!.path).toEqual(["lowStockAt"]);
  });
});
