import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, locationRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertLocation, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { db, workspaceDb } from "@/server/db";
import { findProducts } from "./find-products";
import { getProductById } from "./get-product-by-id";
import { findProductsInput, type FindProductsInput } from "./schema";

const list = (scope: CommerceScope, overrides: Partial<FindProductsInput> = {}) =>
  findProducts(workspaceDb(scope.workspaceId), findProductsInput.parse({ limit: 100, ...overrides }));

describe("products", () => {
  let shop: CommerceScope;
  let foreign: CommerceScope;
  let shirt: Awaited<ReturnType<typeof insertProduct>>;

  beforeAll(async () => {
    shop = await buildCommerceScope();
    foreign = await buildCommerceScope();
    await insertLocation(shop, locationRecord("east", { name: "East" }));
    await insertLocation(shop, locationRecord("west", { name: "West" }));
    shirt = await insertProduct(shop, productRecord("shirt", { title: "Blue Shirt" }, 2));
    const [v1, v2] = shirt.variants;
    await insertInventoryLevels(shop, [
      inventoryLevelRecord(v1!.inventoryItemExternalId!, "east", { available: 3, onHand: 4, committed: 1 }),
      inventoryLevelRecord(v1!.inventoryItemExternalId!, "west", { available: 10 }),
      inventoryLevelRecord(v2!.inventoryItemExternalId!, "west", { available: -2 }),
      // A level at a location not synced yet.
      inventoryLevelRecord(v2!.inventoryItemExternalId!, "north", { available: 1 }),
    ]);
    await insertProduct(shop, productRecord("mug", { title: "Mug", status: "DRAFT" }, 1));
    await insertProduct(shop, productRecord("nostock", { title: "Gift card", variants: [variantRecord("gift-v1", { inventoryItemExternalId: null })] }));
    // Same title, to split a tie across pages.
    for (const n of [1, 2, 3]) await insertProduct(shop, productRecord(`same-${n}`, { title: "Same" }, 1));
    await insertProduct(shop, productRecord("old", { title: "Retired Shirt" }), { deletedAt: new Date() });
    await insertProduct(foreign, productRecord("shirt", { title: "Blue Shirt" }));
  });

  it("lists live products alphabetically with variant count and total available", async () => {
    const items = (await list(shop)).items;
    expect(items.map((p) => p.title)).toEqual(["Blue Shirt", "Gift card", "Mug", "Same", "Same", "Same"]);
    expect(items[0]).toMatchObject({ id: shirt.id, variantCount: 2, totalAvailable: 12, status: "ACTIVE" });
    // Where each comes from, as people name the provider (a store and a warehouse can list one product).
    expect(items[0]!.connection).toMatchObject({ providerName: "Shopify" });
    expect(items[1]).toMatchObject({ variantCount: 1, totalAvailable: null });
  });

  it("pages through title ties without gaps or repeats", async () => {
    const all = (await list(shop)).items.map((p) => p.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(shop, { limit: 2, cursor });
      paged.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it("searches titles anywhere in the title, any case, and filters by status", async () => {
    expect((await list(shop, { search: "SHIRT" })).items.map((p) => p.title)).toEqual(["Blue Shirt"]);
    expect((await list(shop, { status: "DRAFT" })).items.map((p) => p.title)).toEqual(["Mug"]);
    expect((await list(shop, { search: "shirt", status: "DRAFT" })).items).toEqual([]);
  });

  it("shows each variant with its price and its stock per location", async () => {
    const detail = await getProductById(workspaceDb(shop.workspaceId), { productId: shirt.id });
    expect(detail.variants.map((v) => [v.title, v.sku, v.price, v.currency, v.totalAvailable])).toEqual([
      ["Variant shirt-v1", "SKU-shirt-v1", "10", "USD", 13],
      ["Variant shirt-v2", "SKU-shirt-v2", "10", "USD", -1],
    ]);
    expect(detail.variants[0]!.inventory).toEqual([
      expect.objectContaining({ locationName: "East", available: 3, onHand: 4, committed: 1, incoming: 0 }),
      expect.objectContaining({ locationName: "West", available: 10 }),
    ]);
    expect(detail.variants[1]!.inventory.map((s) => [s.locationName, s.locationId === null])).toEqual([
      ["Unknown location", true],
      ["West", false],
    ]);
  });

  it("does not find a deleted product or another workspace's", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const deleted = await db.product.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, deletedAt: { not: null } } });
    const theirs = await db.product.findFirstOrThrow({ where: { workspaceId: foreign.workspaceId } });
    await expect(getProductById(wdb, { productId: deleted.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getProductById(wdb, { productId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await list(foreign)).items).toHaveLength(1);
  });

  it("sorts by title or by last change, each direction paging both ways over ties", async () => {
    for (const [sort, column] of [["title", "title"], ["updated", "sourceUpdatedAt"]] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const expected = (
          await db.product.findMany({ where: { workspaceId: shop.workspaceId, deletedAt: null }, orderBy: [{ [column]: dir }, { id: dir }], select: { id: true } })
        ).map((p) => p.id);
        const pages: string[][] = [];
        let page = await list(shop, { sort, dir, limit: 2 });
        pages.push(page.items.map((p) => p.id));
        while (page.nextCursor) {
          page = await list(shop, { sort, dir, limit: 2, cursor: page.nextCursor });
          pages.push(page.items.map((p) => p.id));
        }
        expect(pages.flat()).toEqual(expected);
        const back = await list(shop, { sort, dir, limit: 2, before: page.previousCursor! });
        expect(back.items.map((p) => p.id)).toEqual(pages.at(-2));
      }
    }
    expect((await list(shop, { limit: 2 })).total).toEqual({ count: 6, exact: true });
  });

  it("finds a product by a variant's SKU anywhere in it, or a word inside its title", async () => {
    const titles = async (search: string) => (await list(shop, { search })).items.map((p) => p.title);
    expect(await titles("sku-shirt-v2")).toEqual(["Blue Shirt"]);
    expect(await titles("SHIRT-V")).toEqual(["Blue Shirt"]);
    expect(await titles("card")).toEqual(["Gift card"]);
    expect((await list(shop, { search: "shirt" })).total).toEqual({ count: 1, exact: true });
  });
});
