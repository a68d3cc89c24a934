import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { likeLiteral } from "@/server/services/orders/like";
import { cappedTotal, TOTAL_CAP, type Direction } from "@/server/services/pagination";
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
async function connectionsBySide(wdb: WorkspaceDb): Promise<Record<Side, string[]>> {
  const connections = await wdb.connection.findMany({ where: { status: { not: "DISCONNECTED" } }, select: { id: true, provider: true } });
  const sides: Record<Side, string[]> = { store: [], fulfilment: [] };
  for (const connection of connections) {
    const provider = registeredProvider(connection.provider);
    const category = provider && connectorFor(provider).info.category;
    if (category === "store" || category === "fulfilment") sides[category].push(connection.id);
  }
  return sides;
}

// Values are written as ARRAY[...] rather than one array parameter: the export's CSV inlines its
// parameters into a COPY statement (copy-csv.ts), which takes scalars only.
function textArray(values: readonly string[]): Prisma.Sql {
  return values.length ? Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]` : Prisma.sql`ARRAY[]::text[]`;
}

function showFilter(filters: SkuListFilters): Prisma.Sql {
  switch (filters.show) {
    case "discrepancies":
      return Prisma.sql`WHERE in_store AND in_fulfilment AND abs("storeAvailable" - "fulfillable") > ${filters.threshold}::float8`;
    case "one-system":
      return Prisma.sql`WHERE in_store <> in_fulfilment`;
    case "all":
      return Prisma.empty;
  }
}

/** The first SKUs past a key in SKU order, for a page that needs no other SKU's totals. */
type SkuWindow = { past: Prisma.Sql; orderBy: Prisma.Sql; limit: number };

/**
 * The view's rows before paging, as common table expressions ending in `filtered` (one row per SKU
 * with its totals) beside `variants` (each live variant carrying a SKU, in a store or 3PL) and
 * `items` (one per SKU and inventory item): put `WITH` before them. Levels name their variant by
 * (connection, inventory item) with no foreign key and the grouping key (the SKU) lives on the
 * variant, which Prisma's groupBy cannot join, so this is raw SQL; it bypasses the scoped handle's
 * workspace filter, so every table is filtered on workspaceId explicitly.
 *
 * The totals are one GROUP BY over the items and their levels, with no per-SKU subquery: a plan
 * without statistics (fresh rows, not yet analyzed) once re-ran such sums for every SKU of the page
 * (44 s for 1,600 SKUs). Sorting by a total, or showing only discrepancies, needs every SKU's
 * totals; with `firstSkus`, only those SKUs' are summed.
 */
export async function skuListCtes(wdb: WorkspaceDb, workspaceId: string, filters: SkuListFilters, firstSkus?: SkuWindow) {
  const sides = await connectionsBySide(wdb);
  const search = filters.search?.trim();
  const ctes = Prisma.sql`
    sides AS (
      SELECT id, 'store' AS side FROM unnest(${textArray(sides.store)}) AS id
      UNION ALL
      SELECT id, 'fulfilment' AS side FROM unnest(${textArray(sides.fulfilment)}) AS id
    ),
    variants AS NOT MATERIALIZED (
      SELECT v.sku, s.side, v."connectionId", v."inventoryItemExternalId", p.title
      FROM "ProductVariant" v
      JOIN sides s ON s.id = v."connectionId"
      JOIN "Product" p ON p.id = v."productId" AND p."workspaceId" = ${workspaceId} AND p."deletedAt" IS NULL
      WHERE v."workspaceId" = ${workspaceId} AND v.sku IS NOT NULL AND v.sku <> ''
        ${search ? Prisma.sql`AND v.sku ILIKE ${`${likeLiteral(search)}%`}` : Prisma.empty}
        ${filters.ids ? Prisma.sql`AND v.sku = ANY(${textArray(filters.ids)})` : Prisma.empty}
    ),
    items AS (
      SELECT sku, side, "connectionId", "inventoryItemExternalId", min(title) AS title
      FROM variants
      ${firstSkus ? Prisma.sql`WHERE sku IN (SELECT DISTINCT f.sku FROM variants f WHERE ${firstSkus.past} ${firstSkus.orderBy} LIMIT ${firstSkus.limit})` : Prisma.empty}
      GROUP BY sku, side, "connectionId", "inventoryItemExternalId"
    ),
    per_sku AS (
      SELECT i.sku, coalesce(min(i.title) FILTER (WHERE i.side = 'store'), min(i.title)) AS title,
        bool_or(i.side = 'store') AS in_store, bool_or(i.side = 'fulfilment') AS in_fulfilment,
        coalesce(sum(l.available) FILTER (WHERE i.side = 'store'), 0)::float8 AS "storeAvailable",
        coalesce(sum(l.available) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS "fulfillable",
        coalesce(sum(l."onHand") FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS "onHand",
        coalesce(sum(l.committed) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS "committed",
        coalesce(sum(l.incoming) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS "awaiting"
      FROM items i
      LEFT JOIN "InventoryLevel" l ON l."workspaceId" = ${workspaceId} AND l."connectionId" = i."connectionId"
        AND l."inventoryItemExternalId" = i."inventoryItemExternalId"
      GROUP BY i.sku
    ),
    filtered AS (
      SELECT *, CASE WHEN in_store AND in_fulfilment THEN "storeAvailable" - "fulfillable" END AS difference
      FROM per_sku ${showFilter(filters)}
    )`;
  return { ctes, hasFulfilmentConnection: sides.fulfilment.length > 0 };
}

type Term = { sql: Prisma.Sql; direction: Direction };

const reverse = (direction: Direction): Direction => (direction === "asc" ? "desc" : "asc");

// Each sort's order over `filtered f`, the SKU breaking ties. A SKU in one system only has no
// difference: a flag ahead of the value, ascending in both directions, puts those rows last.
function termsOf(sort: InventorySkuSort, direction: Direction): Term[] {
  const sku = { sql: Prisma.sql`f.sku`, direction };
  switch (sort) {
    case "sku":
      return [sku];
    case "title":
      return [{ sql: Prisma.sql`f.title`, direction }, sku];
    case "storeAvailable":
      return [{ sql: Prisma.sql`f."storeAvailable"`, direction }, sku];
    case "fulfillable":
      return [{ sql: Prisma.sql`f.fulfillable`, direction }, sku];
    case "difference":
      return [{ sql: Prisma.sql`(f.difference IS NULL)`, direction: "asc" }, { sql: Prisma.sql`coalesce(f.difference, 0)`, direction }, sku];
  }
}

function keyValues(sort: InventorySkuSort, key: SkuKey): Prisma.Sql[] {
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
      return [Prisma.sql`${key.value === null}::boolean`, Prisma.sql`${key.value ?? 0}::float8`, sku];
  }
}

/**
 * The view's order for `filters` (its sort, the SKU breaking ties), read forwards or backwards
 * (Previous reads the rows before a key in reverse): the ORDER BY over `filtered f`, the condition
 * for rows strictly past a key, and the key and cursor of a row.
 */
export function skuOrder(filters: Pick<SkuListFilters, "sort" | "dir">, reading: "forwards" | "backwards" = "forwards") {
  const sort = filters.sort ?? "sku";
  const listed = termsOf(sort, filters.dir ?? INVENTORY_SKU_SORTS[sort]);
  const terms = reading === "forwards" ? listed : listed.map((term) => ({ ...term, direction: reverse(term.direction) }));
  const keyOf = (row: SkuSortColumns): SkuKey => ({ value: sort === "sku" ? null : row[sort], sku: row.sku });
  return {
    sort,
    orderBy: Prisma.sql`ORDER BY ${Prisma.join(
      terms.map((term) => Prisma.sql`${term.sql} ${Prisma.raw(term.direction === "asc" ? "ASC" : "DESC")}`),
      ", ",
    )}`,
    /** Rows strictly past `key` in this reading: past it on the first term, or equal so far and past it on the next. */
    after(key: SkuKey): Prisma.Sql {
      const values = keyValues(sort, key);
      const branches = terms.map((term, i) => {
        const equal = terms.slice(0, i).map((earlier, j) => Prisma.sql`${earlier.sql} = ${values[j]}`);
        const past = Prisma.sql`${term.sql} ${Prisma.raw(term.direction === "asc" ? ">" : "<")} ${values[i]}`;
        return Prisma.sql`(${Prisma.join([...equal, past], " AND ")})`;
      });
      return Prisma.sql`(${Prisma.join(branches, " OR ")})`;
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
// to the lists' cap. One statement: the totals are summed once and both the page and the count
// read them. Sorted by SKU with every SKU shown (the view as it opens), the page's SKUs are the
// first ones past the key among the variants, in the (workspaceId, sku) index's order: only those
// are summed, and the total counts SKUs without summing any.
export async function findInventoryBySku(wdb: WorkspaceDb, workspaceId: string, input: FindInventoryBySkuInput) {
  const listed = skuOrder(input);
  const read = input.before ? skuOrder(input, "backwards") : listed;
  const bound = input.before ?? input.cursor;
  const past = bound ? read.after(read.keyOfCursor(bound)) : Prisma.sql`TRUE`;
  const bySkuAlone = read.sort === "sku" && input.show === "all";
  const firstSkus = bySkuAlone ? { past, orderBy: read.orderBy, limit: input.limit + 1 } : undefined;
  const { ctes, hasFulfilmentConnection } = await skuListCtes(wdb, workspaceId, input, firstSkus);
  const counted = bySkuAlone ? Prisma.sql`SELECT DISTINCT f.sku FROM variants f ORDER BY f.sku` : Prisma.sql`SELECT 1 FROM filtered`;

  const [result] = await wdb.$queryRaw<{ counted: number; rows: PageRow[] }[]>`
    WITH ${ctes},
    page AS (SELECT f.* FROM filtered f WHERE ${past} ${read.orderBy} LIMIT ${input.limit + 1}),
    at_location AS (
      SELECT i.sku, i.side, l."connectionId", l."locationExternalId",
        sum(l.available) AS available, sum(l."onHand") AS "onHand", sum(l.committed) AS committed, sum(l.incoming) AS incoming
      FROM page p
      JOIN items i ON i.sku = p.sku
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
      (SELECT count(*)::int FROM (${counted} LIMIT ${TOTAL_CAP + 1}) capped) AS counted,
      coalesce((
        SELECT json_agg(json_build_object(
            'sku', f.sku, 'title', f.title, 'inStore', f.in_store, 'inFulfilment', f.in_fulfilment,
            'storeAvailable', f."storeAvailable", 'fulfillable', f.fulfillable, 'onHand', f."onHand",
            'committed', f.committed, 'awaiting', f.awaiting, 'difference', f.difference,
            'locations', coalesce(b.locations, '[]'::json)
          ) ${read.orderBy})
        FROM page f LEFT JOIN breakdown b ON b.sku = f.sku
      ), '[]'::json) AS rows`;

  const rows = result!.rows;
  const hasMore = rows.length > input.limit;
  const ordered = rows.slice(0, input.limit);
  if (input.before) ordered.reverse();
  const [first, last] = [ordered.at(0), ordered.at(-1)];
  // Stepping back from a row means rows follow; stepping forward from one means rows precede.
  const hasNext = input.before ? true : hasMore;
  const hasPrevious = input.before ? hasMore : Boolean(input.cursor);
  return {
    items: ordered.map((row): SkuStock => ({ ...row, id: row.sku })),
    nextCursor: hasNext && last ? listed.cursorOf(last) : null,
    previousCursor: hasPrevious && first ? listed.cursorOf(first) : null,
    total: cappedTotal(result!.counted),
    hasFulfilmentConnection,
  };
}
