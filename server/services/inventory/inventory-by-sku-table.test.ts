import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { exportChunks } from "@/server/services/exports/file-bytes";
import { parseExportFilters } from "@/server/services/exports/parse-filters";
import { exportSourceOf } from "@/server/services/exports/sources";
import { TOTAL_CAP } from "@/server/services/pagination";
import { findInventoryBySku, type SkuStock } from "./find-inventory-by-sku";
import { encodeSkuCursor, findInventoryBySkuInput, INVENTORY_SKU_SORTS, type FindInventoryBySkuInput, type InventorySkuSort } from "./schema";

// The By SKU view as a table kit list: each sort in both directions, paged forwards and backwards
// across ties and SKUs without a difference, its total, its refusals, and its export.

async function thirdParty(workspaceId: string): Promise<CommerceScope> {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "3PL" });
  return { workspaceId, connectionId: connection.id };
}

async function stock(scope: CommerceScope, sku: string, title: string, levels: Record<string, number>) {
  const id = `${sku}-${crypto.randomUUID().slice(0, 6)}`;
  await insertProduct(scope, productRecord(id, { title, variants: [variantRecord(id, { sku, inventoryItemExternalId: `item-${id}` })] }));
  await insertInventoryLevels(scope, Object.entries(levels).map(([location, available]) => inventoryLevelRecord(`item-${id}`, location, { available, onHand: available + 1, committed: 1, incoming: 2 })));
}

// SKU, title, store levels, 3PL levels (undefined: not in that system). Ties on every sort key:
// titles (Mug, Cap, Bag twice each), store available 5 (S01, S02, S05), 3PL fulfillable 5 (S01,
// S03, S06), differences 3 (S02, S03) and 0 (S01, S08), and four SKUs without a difference.
const CATALOGUE: [string, string, Record<string, number> | undefined, Record<string, number> | undefined][] = [
  ["S01", "Mug", { "shop-a": 5 }, { "fc-1": 5 }],
  ["S02", "Mug", { "shop-a": 5 }, { "fc-1": 2 }],
  ["S03", "Cap", { "shop-a": 8 }, { "fc-1": 5 }],
  ["S04", "Tee", { "shop-a": 1 }, { "fc-1": 6 }],
  ["S05", "Bag", { "shop-a": 5 }, undefined],
  ["S06", "Bag", undefined, { "fc-1": 5 }],
  ["S07", "Zip", { "shop-a": 0 }, undefined],
  ["S08", "Cap", { "shop-a": 2 }, { "fc-1": 2 }],
  ["S09", "Hat", { "shop-a": 2, "shop-b": 3 }, { "fc-1": 8 }],
  ["S10", "Pin", undefined, { "fc-1": 0 }],
];
const ALL_SKUS = CATALOGUE.map(([sku]) => sku);

// The order each sort promises, written out from the rows: its value in the direction, the SKU in
// the same direction breaking ties, and (difference) the SKUs in one system only last either way.
function promisedOrder(rows: readonly SkuStock[], sort: InventorySkuSort, dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      if (sort === "difference" && (a.difference === null) !== (b.difference === null)) return a.difference === null ? 1 : -1;
      const value = sort === "sku" ? 0 : sign * compare(a[sort] ?? 0, b[sort] ?? 0);
      return value || sign * compare(a.sku, b.sku);
    })
    .map((row) => row.sku);
}

const SORTS = Object.keys(INVENTORY_SKU_SORTS) as InventorySkuSort[];

describe("inventory by SKU: sorts, keyset both ways, totals", () => {
  let store: CommerceScope;
  let owner: { id: string; email: string };
  let slug: string;

  const list = (input: Partial<FindInventoryBySkuInput>) => findInventoryBySku(workspaceDb(store.workspaceId), store.workspaceId, findInventoryBySkuInput.parse(input));

  beforeAll(async () => {
    const built = await buildWorkspaceWithOwner();
    owner = built.owner;
    slug = built.workspace.slug;
    store = { workspaceId: built.workspace.id, connectionId: (await buildConnection(built.workspace.id)).id };
    const tpl = await thirdParty(store.workspaceId);
    for (const [sku, title, atStore, atCentre] of CATALOGUE) {
      if (atStore) await stock(store, sku, title, atStore);
      if (atCentre) await stock(tpl, sku, title, atCentre);
    }
    // Another workspace with the same SKUs and its own: never counted, shown or exported here.
    const foreign = await buildCommerceScope();
    const foreignTpl = await thirdParty(foreign.workspaceId);
    await stock(foreign, "S01", "Foreign mug", { "shop-a": 900 });
    await stock(foreign, "S00", "Foreign only", { "shop-a": 1 });
    await stock(foreignTpl, "S11", "Foreign 3PL", { "fc-1": 1 });
  });

  it("writes the difference sort out: largest first or smallest first, SKUs in one system only last both ways", async () => {
    expect((await list({ sort: "difference", limit: 100 })).items.map((row) => row.sku)).toEqual(["S03", "S02", "S08", "S01", "S09", "S04", "S10", "S07", "S06", "S05"]);
    expect((await list({ sort: "difference", dir: "asc", limit: 100 })).items.map((row) => row.sku)).toEqual(["S04", "S09", "S01", "S08", "S02", "S03", "S05", "S06", "S07", "S10"]);
    expect((await list({ limit: 100 })).items.map((row) => row.sku)).toEqual(ALL_SKUS);
  });

  for (const sort of SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages by ${sort} ${dir} forwards and back (Previous from a reloaded URL) without gaps or repeats`, async () => {
        const whole = (await list({ sort, dir, limit: 100 })).items;
        expect(whole.map((row) => row.sku)).toEqual(promisedOrder(whole, sort, dir));

        const pages: string[][] = [];
        let page = await list({ sort, dir, limit: 3 });
        expect(page.previousCursor).toBeNull();
        for (;;) {
          pages.push(page.items.map((row) => row.sku));
          expect(page.total).toEqual({ count: 10, exact: true });
          if (!page.nextCursor) break;
          page = await list({ sort, dir, limit: 3, cursor: page.nextCursor });
          expect(page.previousCursor).not.toBeNull();
        }
        expect(pages.flat()).toEqual(whole.map((row) => row.sku));
        expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);

        // Back from the last page, each step only from the URL's `before`.
        for (let index = pages.length - 2; index >= 0; index--) {
          page = await list({ sort, dir, limit: 3, before: page.previousCursor! });
          expect(page.items.map((row) => row.sku)).toEqual(pages[index]);
          expect(page.nextCursor).not.toBeNull();
        }
        expect(page.previousCursor).toBeNull();
      });
    }
  }

  it("counts the filtered SKUs whatever the page, and pages a filter's rows too", async () => {
    expect((await list({ show: "discrepancies", sort: "difference" })).items.map((row) => row.sku)).toEqual(["S03", "S02", "S09", "S04"]);
    expect((await list({ show: "discrepancies", threshold: 3 })).total).toEqual({ count: 1, exact: true });
    const oneSystem = await list({ show: "one-system", sort: "storeAvailable", dir: "desc", limit: 2 });
    expect(oneSystem.items.map((row) => row.sku)).toEqual(["S05", "S10"]);
    expect(oneSystem.total).toEqual({ count: 4, exact: true });
    const next = await list({ show: "one-system", sort: "storeAvailable", dir: "desc", limit: 2, cursor: oneSystem.nextCursor! });
    expect(next.items.map((row) => row.sku)).toEqual(["S07", "S06"]);
    expect(next.total).toEqual({ count: 4, exact: true });
    expect((await list({ search: "s0" })).total).toEqual({ count: 9, exact: true });
  });

  it("names each row by its SKU and never shows another workspace's stock", async () => {
    for (const sort of SORTS) {
      const { items } = await list({ sort, limit: 100 });
      expect(items.map((row) => row.id)).toEqual(items.map((row) => row.sku));
      expect(items.map((row) => row.sku).sort()).toEqual(ALL_SKUS);
    }
    expect((await list({ search: "S01" })).items[0]).toMatchObject({ title: "Mug", storeAvailable: 5, fulfillable: 5, difference: 0 });
  });

  it("answers an unknown sort, a malformed cursor, one made in another sort, or both cursors with a 400 naming the field", async () => {
    const caller = callerFor(owner).inventory;
    const field = async (input: Record<string, unknown>) => {
      const error = await errorOf(caller.bySku({ workspaceSlug: slug, ...input } as never));
      expect(error.code).toBe("BAD_REQUEST");
      return (error.cause as ZodError).issues.map((issue) => issue.path.join("."));
    };
    const page = await caller.bySku({ workspaceSlug: slug, sort: "storeAvailable", limit: 3 });

    expect(await field({ sort: "quantity" })).toEqual(["sort"]);
    expect(await field({ dir: "up" })).toEqual(["dir"]);
    expect(await field({ cursor: "not a cursor" })).toEqual(["cursor"]);
    expect(await field({ cursor: Buffer.from("[1,2").toString("base64url") })).toEqual(["cursor"]);
    expect(await field({ before: Buffer.from(JSON.stringify(["sku", null, "S\u0000"])).toString("base64url") })).toEqual(["before"]);
    // A storeAvailable cursor read as a title's, and values of the wrong kind for their sort.
    expect(await field({ sort: "title", cursor: page.nextCursor })).toEqual(["cursor"]);
    expect(await field({ sort: "storeAvailable", cursor: encodeSkuCursor("storeAvailable", { value: "5", sku: "S01" }) })).toEqual(["cursor"]);
    expect(await field({ sort: "storeAvailable", cursor: encodeSkuCursor("storeAvailable", { value: null, sku: "S01" }) })).toEqual(["cursor"]);
    expect(await field({ sort: "fulfillable", cursor: encodeSkuCursor("fulfillable", { value: 1e300, sku: "S01" }) })).toEqual(["cursor"]);
    expect(await field({ cursor: page.nextCursor, before: page.nextCursor, sort: "storeAvailable" })).toEqual(["before"]);

    // The same cursor in its own sort, and a NULL difference's, are fine.
    expect((await caller.bySku({ workspaceSlug: slug, sort: "storeAvailable", cursor: page.nextCursor! })).items).toHaveLength(7);
    const nulls = await caller.bySku({ workspaceSlug: slug, sort: "difference", cursor: encodeSkuCursor("difference", { value: null, sku: "S06" }) });
    expect(nulls.items.map((row) => row.sku)).toEqual(["S05"]);
  });
});

describe("inventory by SKU: the export has the page's rows in the page's order", () => {
  let store: CommerceScope;
  let foreignWorkspaceId: string;

  const pageRows = async (input: Partial<FindInventoryBySkuInput>) => {
    const rows: SkuStock[] = [];
    let cursor: string | undefined;
    do {
      const page = await findInventoryBySku(workspaceDb(store.workspaceId), store.workspaceId, findInventoryBySkuInput.parse({ ...input, limit: 4, cursor }));
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  };

  const source = exportSourceOf("inventory-sku");
  const exportRows = async (workspaceId: string, raw: Record<string, unknown>) => {
    const filters = parseExportFilters(source, raw);
    const rows = [];
    for await (const page of source.pages(workspaceId, filters, { cursor: null, pageSize: 3 })) rows.push(...page.rows);
    expect(await source.count(workspaceId, filters)).toBe(rows.length);
    return rows;
  };
  const csvLines = async (workspaceId: string, raw: Record<string, unknown>) => {
    const chunks: Buffer[] = [];
    for await (const chunk of exportChunks("CSV", source, workspaceId, parseExportFilters(source, raw), { cursor: null, start: true })) chunks.push(chunk.bytes);
    return Buffer.concat(chunks).subarray(3).toString("utf8").trimEnd().split("\r\n");
  };

  beforeAll(async () => {
    store = await buildCommerceScope();
    const tpl = await thirdParty(store.workspaceId);
    for (const [sku, title, atStore, atCentre] of CATALOGUE) {
      if (atStore) await stock(store, sku, title, atStore);
      if (atCentre) await stock(tpl, sku, title, atCentre);
    }
    await stock(store, "=S99", "=HYPERLINK(\"x\")", { "shop-a": 4 });
    const foreign = await buildCommerceScope();
    foreignWorkspaceId = foreign.workspaceId;
    await stock(foreign, "S01", "Foreign mug", { "shop-a": 900 });
  });

  const cases: Record<string, unknown>[] = [
    {},
    { sort: "difference" },
    { sort: "difference", dir: "asc", show: "all" },
    { sort: "storeAvailable", dir: "desc" },
    { sort: "fulfillable" },
    { sort: "title", dir: "desc", search: "s" },
    { show: "discrepancies", threshold: 2, sort: "difference" },
    { show: "one-system", sort: "title" },
  ];

  it.each(cases)("filters %j: same SKUs, order and figures as the page, in every format's rows", async (filters) => {
    const page = await pageRows(filters);
    const rows = await exportRows(store.workspaceId, filters);
    expect(rows).toEqual(
      page.map((row) => [row.sku, row.title, row.inStore, row.inFulfilment, row.storeAvailable, row.fulfillable, row.onHand, row.committed, row.awaiting, row.difference]),
    );
    const lines = await csvLines(store.workspaceId, filters);
    expect(lines[0]).toBe("SKU,Title,In store,At 3PL,Store available,3PL fulfillable,3PL on hand,3PL committed,3PL awaiting,Difference");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(page.map((row) => (row.sku.startsWith("=") ? `'${row.sku}` : row.sku)));
  });

  it("writes one-system SKUs with an empty difference and neutralises formula-like text in the CSV", async () => {
    const lines = await csvLines(store.workspaceId, { search: "S05" });
    expect(lines[1]).toBe("S05,Bag,true,false,5,0,0,0,0,");
    expect((await csvLines(store.workspaceId, { search: "=" }))[1]).toBe(`'=S99,"'=HYPERLINK(""x"")",true,false,4,0,0,0,0,`);
  });

  it("Export selected writes only the selected SKUs, in the page's order, and never another workspace's", async () => {
    const selected = await exportRows(store.workspaceId, { sort: "difference", ids: ["S06", "S02", "S09"] });
    expect(selected.map((row) => row[0])).toEqual(["S02", "S09", "S06"]);
    expect(selected[0]).toEqual(["S02", "Mug", true, true, 5, 2, 3, 1, 2, 3]);
    // The filters still apply to the selection.
    expect((await exportRows(store.workspaceId, { show: "one-system", ids: ["S06", "S02"] })).map((row) => row[0])).toEqual(["S06"]);
    // Another workspace's export of the same SKU sees its own stock only.
    expect(await exportRows(foreignWorkspaceId, { ids: ["S01", "S02"] })).toEqual([["S01", "Foreign mug", true, false, 900, 0, 0, 0, 0, null]]);
  });

  it("splits a background export into parts at the page keyset without losing or repeating a row", async () => {
    const filters = parseExportFilters(source, { sort: "difference" });
    const parts: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const through: string | null = await source.partEnd(store.workspaceId, filters, { cursor, rows: 4 });
      for await (const page of source.pages(store.workspaceId, filters, { cursor, through, pageSize: 3 })) parts.push(...page.rows.map((row) => row[0] as string));
      if (!through) break;
      cursor = through;
    }
    expect(parts).toEqual((await pageRows({ sort: "difference" })).map((row) => row.sku));
  });

  it("refuses a bad sort or filter with a 400 naming it", async () => {
    expect(() => parseExportFilters(source, { sort: "nope" })).toThrow(/Filter "sort"/);
    expect(() => parseExportFilters(source, { threshold: -1 })).toThrow(/Filter "threshold"/);
  });
});

describe("inventory by SKU: the total beyond the lists' cap", () => {
  it("says 10,000+ rather than counting every SKU", async () => {
    const scope = await buildCommerceScope();
    // One statement each: 10,001 products and variants through Prisma took most of the test's time limit.
    await db.$executeRaw`INSERT INTO "Product" (id, "workspaceId", "connectionId", "externalId", title, "titleLower", status, tags, "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
      SELECT ${scope.connectionId} || '-' || n, ${scope.workspaceId}, ${scope.connectionId}, 'p' || n, 'Bulk', 'bulk', 'ACTIVE', '{}', now(), now(), 'test', now()
      FROM generate_series(0, ${TOTAL_CAP}::int) n`;
    await db.$executeRaw`INSERT INTO "ProductVariant" (id, "workspaceId", "connectionId", "productId", "externalId", title, sku, "sourceUpdatedAt", "updatedAt")
      SELECT ${scope.connectionId} || '-v' || n, ${scope.workspaceId}, ${scope.connectionId}, ${scope.connectionId} || '-' || n, 'v' || n, 'Default', 'BULK-' || lpad(n::text, 5, '0'), now(), now()
      FROM generate_series(0, ${TOTAL_CAP}::int) n`;
    // Sorted by SKU with every SKU shown, SKUs are counted without their totals; any other sort sums them all.
    for (const sort of ["sku", "storeAvailable"] as const) {
      const page = await findInventoryBySku(workspaceDb(scope.workspaceId), scope.workspaceId, findInventoryBySkuInput.parse({ sort, limit: 25 }));
      expect(page.total).toEqual({ count: TOTAL_CAP, exact: false });
      expect(page.items.map((row) => row.sku).slice(0, 2)).toEqual(["BULK-00000", "BULK-00001"]);
    }
  });
});
