import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";
import { cappedTotal, TOTAL_CAP, twoWayPage, type Direction } from "@/server/services/pagination";
import { decodeSkuCursor, encodeSkuCursor, INVENTORY_SKU_SORTS, type FindInventoryBySkuInput, type InventorySkuSort, type SkuKey } from "./schema";

type Side = "store" | "fulfilment";

export type SkuStockAtLocation = {
  side: Side;
  connectionId: string;
  locationExternalId: string;
  /** Null while the location itself has not been synced. */
  name: string | null;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
};

/** One SKU's totals, as the view's filters and sort read them (its per-location breakdown aside). */
export type SkuTotals = {
  sku: string;
  /** A product title carrying the SKU, the store's first. */
  title: string;
  inStore: boolean;
  inFulfilment: boolean;
  /** Sum of the store's available over its locations. */
  storeAvailable: number;
  /** The 3PL's sums over its fulfilment centres (fulfillable is its available, awaiting its incoming). */
  fulfillable: number;
  onHand: number;
  committed: number;
  awaiting: number;
  /** Store available less 3PL fulfillable; null when only one system knows the SKU. */
  difference: number | null;
};

/** The columns a row's place in any sort is read from. */
export type SkuSortColumns = Pick<SkuTotals, "sku" | Exclude<InventorySkuSort, "sku">>;

export type SkuStock = SkuTotals & {
  /** The SKU again: what the table's row selection and Export selected name a row by. */
  id: string;
  locations: SkuStockAtLocation[];
};

/** What the view's rows depend on: its filters and sort, and (for Export selected) only these SKUs. */
export type SkuListFilters = Pick<FindInventoryBySkuInput, "search" | "show" | "threshold" | "sort" | "dir"> & { ids?: readonly string[] };

// A disconnected connection's stock is no longer kept up to date, so it would show stale
// discrepancies; connections of other categories (accounting, analytics...) hold no stock.
async function hasLiveFulfilmentConnection(wdb: WorkspaceDb): Promise<boolean> {
  const connections = await wdb.connection.findMany({ where: { status: { not: "DISCONNECTED" } }, select: { provider: true } });
  return connections.some((connection) => {
    const provider = registeredProvider(connection.provider);
    return provider !== null && connectorFor(provider).info.category === "fulfilment";
  });
}

// Values are written as ARRAY[...] rather than one array parameter: the export's CSV inlines its
// parameters into a COPY statement (copy-csv.ts), which takes scalars only.
function textArray(values: readonly string[]): Prisma.Sql {
  return values.length ? Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]` : Prisma.sql`ARRAY[]::text[]`;
}

function showFilter(filters: SkuListFilters): Prisma.Sql {
  switch (filters.show) {
    case "discrepancies":
      return Prisma.sql`AND t."inStore" AND t."inFulfilment" AND abs(t.difference) > ${filters.threshold}::float8`;
    case "one-system":
      return Prisma.sql`AND t."inStore" <> t."inFulfilment"`;
    case "all":
      return Prisma.empty;
  }
}

/**
 * The view's rows before paging, as a common table expression `filtered` (one row per SKU with its
 * totals): put `WITH` before it. The totals are InventorySkuTotal's, which triggers keep exact as
 * the stock, variants, products and connections change (migration inventory_sku_totals): a page
 * in any sort is read through that sort's index, never by summing other SKUs' stock. Raw SQL
 * bypasses the scoped handle's workspace filter, so the workspace is filtered on explicitly.
 * NOT MATERIALIZED: read twice (page and count), it would otherwise be computed whole first.
 */
export async function skuListCtes(wdb: WorkspaceDb, workspaceId: string, filters: SkuListFilters) {
  const search = filters.search?.trim();
  const ctes = Prisma.sql`
    filtered AS NOT MATERIALIZED (
      SELECT t.sku, t.title, t."inStore" AS in_store, t."inFulfilment" AS in_fulfilment, t."storeAvailable", t.fulfillable,
        t."onHand", t.committed, t.awaiting, t.difference, t."differenceAsc", t."differenceDesc"
      FROM "InventorySkuTotal" t
      WHERE t."workspaceId" = ${workspaceId}
        ${search ? Prisma.sql`AND t.sku ILIKE ${`${likeLiteral(search)}%`}` : Prisma.empty}
        ${filters.ids ? Prisma.sql`AND t.sku = ANY(${textArray(filters.ids)})` : Prisma.empty}
        ${showFilter(filters)}
    )`;
  return { ctes, hasFulfilmentConnection: await hasLiveFulfilmentConnection(wdb) };
}

// Each sort's columns over `filtered f`, the SKU breaking ties, all in the sort's direction, so one
// index of InventorySkuTotal holds the order (read backwards for the other direction) and a row
// comparison finds the rows past a key. The difference has a column per direction that puts the
// SKUs of one system only (no difference) last in both.
function columnsOf(sort: InventorySkuSort, direction: Direction): Prisma.Sql[] {
  const sku = Prisma.sql`f.sku`;
  switch (sort) {
    case "sku":
      return [sku];
    case "title":
      return [Prisma.sql`f.title`, sku];
    case "storeAvailable":
      return [Prisma.sql`f."storeAvailable"`, sku];
    case "fulfillable":
      return [Prisma.sql`f.fulfillable`, sku];
    case "difference":
      return [direction === "asc" ? Prisma.sql`f."differenceAsc"` : Prisma.sql`f."differenceDesc"`, sku];
  }
}

function keyValues(sort: InventorySkuSort, direction: Direction, key: SkuKey): Prisma.Sql[] {
  const sku = Prisma.sql`${key.sku}::text`;
  switch (sort) {
    case "sku":
      return [sku];
    case "title":
      return [Prisma.sql`${key.value}::text`, sku];
    case "storeAvailable":
    case "fulfillable":
      return [Prisma.sql`${key.value}::float8`, sku];
    case "difference":
      if (key.value !== null) return [Prisma.sql`${key.value}::float8`, sku];
      return [direction === "asc" ? Prisma.sql`'Infinity'::float8` : Prisma.sql`'-Infinity'::float8`, sku];
  }
}

const reverse = (direction: Direction): Direction => (direction === "asc" ? "desc" : "asc");

/**
 * The view's order for `filters` (its sort, the SKU breaking ties), read forwards or backwards
 * (Previous reads the rows before a key in reverse): the ORDER BY over `filtered f`, the condition
 * for rows strictly past a key, and the key and cursor of a row.
 */
export function skuOrder(filters: Pick<SkuListFilters, "sort" | "dir">, reading: "forwards" | "backwards" = "forwards") {
  const sort = filters.sort ?? "sku";
  const listed = filters.dir ?? INVENTORY_SKU_SORTS[sort];
  const columns = columnsOf(sort, listed);
  const direction = reading === "forwards" ? listed : reverse(listed);
  const keyOf = (row: SkuSortColumns): SkuKey => ({ value: sort === "sku" ? null : row[sort], sku: row.sku });
  const tuple = Prisma.sql`(${Prisma.join(columns, ", ")})`;
  return {
    sort,
    orderBy: Prisma.sql`ORDER BY ${Prisma.join(
      columns.map((column) => Prisma.sql`${column} ${Prisma.raw(direction === "asc" ? "ASC" : "DESC")}`),
      ", ",
    )}`,
    /** Rows strictly past `key` in this reading. */
    after(key: SkuKey): Prisma.Sql {
      return Prisma.sql`${tuple} ${Prisma.raw(direction === "asc" ? ">" : "<")} (${Prisma.join(keyValues(sort, listed, key), ", ")})`;
    },
    keyOf,
    cursorOf: (row: SkuSortColumns) => encodeSkuCursor(sort, keyOf(row)),
    /** The key a cursor holds in this sort; a cursor the input schema did not check is refused here too. */
    keyOfCursor(raw: string): SkuKey {
      const key = decodeSkuCursor(sort, raw);
      if (!key) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
      return key;
    },
  };
}

type PageRow = SkuTotals & { locations: SkuStockAtLocation[] };

// One row per SKU across the workspace's store and 3PL connections, in the chosen sort (SKU A
// first by default), paging either way from a (value, SKU) key, with the filtered total counted up
// to the lists' cap. One statement: the page and the count read the stored totals through their
// indexes; only the page's SKUs have their stock read again, for the per-location breakdown.
export async function findInventoryBySku(wdb: WorkspaceDb, workspaceId: string, input: FindInventoryBySkuInput) {
  const listed = skuOrder(input);
  const read = input.before ? skuOrder(input, "backwards") : listed;
  const bound = input.before ?? input.cursor;
  const past = bound ? read.after(read.keyOfCursor(bound)) : Prisma.sql`TRUE`;
  const { ctes, hasFulfilmentConnection } = await skuListCtes(wdb, workspaceId, input);

  // The breakdown's items are those the totals summed (inventory_refresh_sku_totals): the page's
  // SKUs on live variants of live store and 3PL connections, each item once per connection.
  const [result] = await wdb.$queryRaw<{ counted: number; rows: PageRow[] }[]>`
    WITH ${ctes},
    page AS MATERIALIZED (SELECT f.* FROM filtered f WHERE ${past} ${read.orderBy} LIMIT ${input.limit + 1}),
    items AS (
      SELECT DISTINCT v.sku, inventory_connection_side(c.provider) AS side, v."connectionId", v."inventoryItemExternalId"
      FROM page p
      JOIN "ProductVariant" v ON v."workspaceId" = ${workspaceId} AND v.sku = p.sku
      JOIN "Connection" c ON c.id = v."connectionId" AND c."workspaceId" = ${workspaceId} AND c.status <> 'DISCONNECTED'
        AND inventory_connection_side(c.provider) IS NOT NULL
      JOIN "Product" pr ON pr.id = v."productId" AND pr."workspaceId" = ${workspaceId} AND pr."deletedAt" IS NULL
    ),
    at_location AS (
      SELECT i.sku, i.side, l."connectionId", l."locationExternalId",
        sum(l.available) AS available, sum(l."onHand") AS "onHand", sum(l.committed) AS committed, sum(l.incoming) AS incoming
      FROM items i
      JOIN "InventoryLevel" l ON l."workspaceId" = ${workspaceId} AND l."connectionId" = i."connectionId"
        AND l."inventoryItemExternalId" = i."inventoryItemExternalId"
      GROUP BY i.sku, i.side, l."connectionId", l."locationExternalId"
    ),
    breakdown AS (
      SELECT a.sku, json_agg(json_build_object(
          'side', a.side, 'connectionId', a."connectionId", 'locationExternalId', a."locationExternalId", 'name', loc.name,
          'available', a.available, 'onHand', a."onHand", 'committed', a.committed, 'incoming', a.incoming
        ) ORDER BY a.side DESC, loc.name, a."locationExternalId") AS locations
      FROM at_location a
      LEFT JOIN "Location" loc ON loc."workspaceId" = ${workspaceId} AND loc."connectionId" = a."connectionId"
        AND loc."externalId" = a."locationExternalId"
      GROUP BY a.sku
    )
    SELECT
      (SELECT count(*)::int FROM (SELECT 1 FROM filtered LIMIT ${TOTAL_CAP + 1}) capped) AS counted,
      coalesce((
        SELECT json_agg(json_build_object(
            'sku', f.sku, 'title', f.title, 'inStore', f.in_store, 'inFulfilment', f.in_fulfilment,
            'storeAvailable', f."storeAvailable", 'fulfillable', f.fulfillable, 'onHand', f."onHand",
            'committed', f.committed, 'awaiting', f.awaiting, 'difference', f.difference,
            'locations', coalesce(b.locations, '[]'::json)
          ) ${read.orderBy})
        FROM page f LEFT JOIN breakdown b ON b.sku = f.sku
      ), '[]'::json) AS rows`;

  return {
    ...twoWayPage(result!.rows, input, (row): SkuStock => ({ ...row, id: row.sku }), listed.cursorOf),
    total: cappedTotal(result!.counted),
    hasFulfilmentConnection,
  };
}
