import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, productRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { workspaceDb, type WorkspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { findInventoryBySku } from "./find-inventory-by-sku";
import { findInventoryBySkuInput } from "./schema";

// Right after a first sync, before autovacuum has analyzed the new rows, PostgreSQL plans without
// statistics (as in this fresh test database). It once planned the per-location sums inside a
// nested loop over the page's SKUs, re-reading every stock level once per SKU: 44 s for a page of
// 1,600 SKUs in the e2e suite. The plan is read through EXPLAIN ANALYZE of the service's own query.

type PlanNode = { "Relation Name"?: string; "Actual Loops": number; "Actual Rows": number; Plans?: PlanNode[] };

/** The workspace handle, running EXPLAIN ANALYZE of each raw query before the query itself. */
function explaining(wdb: WorkspaceDb, plans: PlanNode[]): WorkspaceDb {
  return new Proxy(wdb, {
    get(target, property) {
      if (property !== "$queryRaw") return Reflect.get(target, property);
      return async (strings: readonly string[], ...values: Prisma.Sql[]) => {
        const [row] = await target.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>`EXPLAIN (ANALYZE, FORMAT JSON) ${Prisma.sql(strings, ...values)}`;
        plans.push(row!["QUERY PLAN"][0].Plan);
        return target.$queryRaw(Prisma.sql(strings, ...values));
      };
    },
  });
}

/** How many times the plan's nodes on `relation` ran. */
function loopsOn(node: PlanNode, relation: string): number {
  const own = node["Relation Name"] === relation ? node["Actual Loops"] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + loopsOn(child, relation), 0);
}

/** How many rows the plan's nodes on `relation` returned, over all their loops. */
function rowsOn(node: PlanNode, relation: string): number {
  const own = node["Relation Name"] === relation ? node["Actual Rows"] * node["Actual Loops"] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsOn(child, relation), 0);
}

describe("inventory by SKU on freshly synced stock", () => {
  const PRODUCTS = 400;
  const LOCATIONS = ["a", "b", "c"];
  let store: CommerceScope;
  let variants = 0;
  let levels = 0;

  beforeAll(async () => {
    store = await buildCommerceScope();
    const connection = await buildConnection(store.workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", displayName: "3PL" });
    const tpl = { workspaceId: store.workspaceId, connectionId: connection.id };
    for (const scope of [store, tpl]) {
      const products = Array.from({ length: scope === store ? PRODUCTS : PRODUCTS / 10 }, (_, p) => productRecord(`p${p}`, {}, 2));
      for (const product of products) await insertProduct(scope, product);
      const items = products.flatMap((product) => product.variants.flatMap((v) => (v.inventoryItemExternalId ? [v.inventoryItemExternalId] : [])));
      variants += items.length;
      levels += items.length * LOCATIONS.length;
      await insertInventoryLevels(scope, items.flatMap((item) => LOCATIONS.map((location) => inventoryLevelRecord(item, location))));
    }
  });

  // Once for every SKU's totals (the sorts and the count need them all), once more for the
  // breakdown of the page's SKUs (each here carried by a store and a 3PL variant at most).
  it("reads each SKU's stock levels once for the totals and once for the page, not once per SKU of the page", async () => {
    const plans: PlanNode[] = [];
    for (const sort of ["sku", "difference"] as const) {
      const input = findInventoryBySkuInput.parse({ limit: 50, sort });
      const page = await findInventoryBySku(explaining(workspaceDb(store.workspaceId), plans), store.workspaceId, input);
      expect(page.items).toHaveLength(50);
      expect(page.items[0]).toMatchObject({ inStore: true, inFulfilment: true, storeAvailable: 15, fulfillable: 15 });
      expect(loopsOn(plans.at(-1)!, "InventoryLevel")).toBeLessThanOrEqual(variants + 2 * (input.limit + 1));
    }
    expect(plans).toHaveLength(2);
  });

  // The view as it opens (by SKU, every SKU) needs no other SKU's totals: the page's are summed
  // and the total counts SKUs, so the stock levels read are the page's (twice: its totals and its
  // breakdown), not all of them.
  it("sums only the page's SKUs when sorted by SKU with every SKU shown", async () => {
    const plans: PlanNode[] = [];
    const wdb = explaining(workspaceDb(store.workspaceId), plans);
    const first = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20 }));
    const next = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, cursor: first.nextCursor! }));
    const back = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, before: next.previousCursor! }));
    // Every store variant's SKU; the 3PL's are among them.
    expect(first.total).toEqual({ count: PRODUCTS * 2, exact: true });
    expect(next.items[0]!.sku > first.items.at(-1)!.sku).toBe(true);
    expect(back.items).toEqual(first.items);
    const pageLevels = 2 * 21 * 2 * LOCATIONS.length;
    for (const plan of plans) expect(rowsOn(plan, "InventoryLevel")).toBeLessThanOrEqual(pageLevels);
    // The same page summed from every SKU's totals: all the levels.
    await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, show: "one-system" }));
    expect(rowsOn(plans.at(-1)!, "InventoryLevel")).toBeGreaterThanOrEqual(levels);
  });
});
