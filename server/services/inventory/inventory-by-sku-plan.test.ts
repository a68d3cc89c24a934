import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, productRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { db, workspaceDb, type WorkspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { findInventoryBySku } from "./find-inventory-by-sku";
import { findInventoryBySkuInput } from "./schema";

// Right after a first sync, before autovacuum has analyzed the new rows, PostgreSQL plans without
// statistics (as in this fresh test database). It once planned the per-location sums inside a
// nested loop over the page's SKUs, re-reading every stock level once per SKU: 44 s for a page of
// 1,600 SKUs in the e2e suite. The plan is read through EXPLAIN ANALYZE of the service's own query.

type PlanNode = { "Relation Name"?: string; "Index Name"?: string; "Actual Loops": number; "Actual Rows": number; Plans?: PlanNode[] };

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

/** The plan's nodes reading through `index`. */
function nodesOn(node: PlanNode, index: string): PlanNode[] {
  return [...(node["Index Name"] === index ? [node] : []), ...(node.Plans ?? []).flatMap((child) => nodesOn(child, index))];
}

describe("inventory by SKU on freshly synced stock", () => {
  const PRODUCTS = 400;
  const LOCATIONS = ["a", "b", "c"];
  let store: CommerceScope;
  let variants = 0;

  beforeAll(async () => {
    store = await buildCommerceScope();
    const connection = await buildConnection(store.workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", displayName: "3PL" });
    const tpl = { workspaceId: store.workspaceId, connectionId: connection.id };
    for (const scope of [store, tpl]) {
      const products = Array.from({ length: scope === store ? PRODUCTS : PRODUCTS / 10 }, (_, p) => productRecord(`p${p}`, {}, 2));
      for (const product of products) await insertProduct(scope, product);
      const items = products.flatMap((product) => product.variants.flatMap((v) => (v.inventoryItemExternalId ? [v.inventoryItemExternalId] : [])));
      variants += items.length;
      await insertInventoryLevels(scope, items.flatMap((item) => LOCATIONS.map((location) => inventoryLevelRecord(item, location))));
    }
  });

  // The breakdown of the page's SKUs (each here carried by a store and a 3PL variant at most)
  // reads their levels once, whatever the sort.
  it("reads the page's stock levels once for its breakdown, not once per SKU of the page", async () => {
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

  // The totals are stored (InventorySkuTotal), so no sort or filter sums other SKUs' stock: the
  // levels read are the page's, for its per-location breakdown.
  it("reads only the page's stock levels, in every sort and filter", async () => {
    const plans: PlanNode[] = [];
    const wdb = explaining(workspaceDb(store.workspaceId), plans);
    const first = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20 }));
    const next = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, cursor: first.nextCursor! }));
    const back = await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, before: next.previousCursor! }));
    // Every store variant's SKU; the 3PL's are among them.
    expect(first.total).toEqual({ count: PRODUCTS * 2, exact: true });
    expect(next.items[0]!.sku > first.items.at(-1)!.sku).toBe(true);
    expect(back.items).toEqual(first.items);
    for (const input of [{ show: "one-system" }, { show: "discrepancies" }, { sort: "difference", dir: "desc" }, { sort: "storeAvailable" }] as const) {
      await findInventoryBySku(wdb, store.workspaceId, findInventoryBySkuInput.parse({ limit: 20, ...input }));
    }
    const pageLevels = 21 * 2 * LOCATIONS.length;
    for (const plan of plans) expect(rowsOn(plan, "InventoryLevel")).toBeLessThanOrEqual(pageLevels);
  });

  // Sorted by a total, a page is read from that sort's index from its cursor on: about a page of
  // InventorySkuTotal's entries on the first page and deep in the list alike, either way. (Before
  // the table is first analyzed the planner, which then takes a workspace for a few rows, may
  // read them all and sort them instead.)
  it("reads a page sorted by store available or difference from the sort's index, at most a page of rows", async () => {
    const limit = 25;
    await db.$executeRaw`ANALYZE "InventorySkuTotal"`;
    const wdb = workspaceDb(store.workspaceId);
    for (const [sort, dir, index] of [
      ["storeAvailable", "asc", "InventorySkuTotal_workspaceId_storeAvailable_sku_idx"],
      ["storeAvailable", "desc", "InventorySkuTotal_workspaceId_storeAvailable_sku_idx"],
      ["difference", "asc", "InventorySkuTotal_workspaceId_differenceAsc_sku_idx"],
      ["difference", "desc", "InventorySkuTotal_workspaceId_differenceDesc_sku_idx"],
    ] as const) {
      let cursor: string | undefined;
      for (let page = 0; page < 8; page++) {
        const plans: PlanNode[] = [];
        const input = findInventoryBySkuInput.parse({ limit, sort, dir, cursor });
        const result = await findInventoryBySku(explaining(wdb, plans), store.workspaceId, input);
        const onIndex = nodesOn(plans[0]!, index);
        expect(onIndex, `${sort} ${dir} page ${page}`).toHaveLength(1);
        expect(onIndex[0]!["Actual Rows"] * onIndex[0]!["Actual Loops"]).toBeLessThanOrEqual(limit + 1);
        cursor = result.nextCursor ?? undefined;
      }
      expect(cursor, "8 pages in, still more").toBeDefined();
    }
    // 32 pages explained, each with its capped count: seconds on a loaded machine (15 s timed out in CI's run).
  }, 90_000);
});
