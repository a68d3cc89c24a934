import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { containsNul } from "@/server/security/nul-bytes";
import { likeLiteral } from "@/server/services/orders/like";
import type { FindInventoryBySkuInput } from "./schema";

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

export type SkuStock = {
  sku: string;
  /** A product title carrying the SKU, the store's first. */
  title: string | null;
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
  locations: SkuStockAtLocation[];
};

type Row = Omit<SkuStock, "difference" | "inStore" | "inFulfilment"> & { in_store: boolean; in_fulfilment: boolean };

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

// The cursor is the last SKU of the page (SKUs are unique per row of this view), opaque base64url.
function encodeSkuCursor(sku: string): string {
  return Buffer.from(sku, "utf8").toString("base64url");
}

function decodeSkuCursor(raw: string): string {
  const sku = Buffer.from(raw, "base64url").toString("utf8");
  if (!sku || containsNul(sku)) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
  return sku;
}

function showFilter(input: FindInventoryBySkuInput): Prisma.Sql {
  switch (input.show) {
    case "discrepancies":
      return Prisma.sql`WHERE in_store AND in_fulfilment AND abs("storeAvailable" - "fulfillable") > ${input.threshold}`;
    case "one-system":
      return Prisma.sql`WHERE in_store <> in_fulfilment`;
    case "all":
      return Prisma.empty;
  }
}

// One row per SKU across the workspace's store and 3PL connections, in SKU order, keyset on the
// SKU. Levels name their variant by (connection, inventory item) with no foreign key and the
// grouping key (the SKU) lives on the variant, which Prisma's groupBy cannot join, so this is one
// set-based query per page. Raw SQL bypasses the scoped handle's automatic workspace filter: every
// table below is filtered on workspaceId explicitly.
export async function findInventoryBySku(wdb: WorkspaceDb, workspaceId: string, input: FindInventoryBySkuInput) {
  const sides = await connectionsBySide(wdb);
  const search = input.search?.trim();
  const after = input.cursor ? decodeSkuCursor(input.cursor) : undefined;
  const hasFulfilmentConnection = sides.fulfilment.length > 0;
  if (sides.store.length === 0 && !hasFulfilmentConnection) return { items: [], nextCursor: null, hasFulfilmentConnection };

  const rows = await wdb.$queryRaw<Row[]>`
    WITH sides AS (
      SELECT id, 'store' AS side FROM unnest(${sides.store}::text[]) AS id
      UNION ALL
      SELECT id, 'fulfilment' AS side FROM unnest(${sides.fulfilment}::text[]) AS id
    ),
    items AS (
      SELECT DISTINCT v.sku, s.side, v."connectionId", v."inventoryItemExternalId", p.title
      FROM "ProductVariant" v
      JOIN sides s ON s.id = v."connectionId"
      JOIN "Product" p ON p.id = v."productId" AND p."workspaceId" = ${workspaceId} AND p."deletedAt" IS NULL
      WHERE v."workspaceId" = ${workspaceId} AND v.sku IS NOT NULL AND v.sku <> ''
        ${search ? Prisma.sql`AND v.sku ILIKE ${`${likeLiteral(search)}%`}` : Prisma.empty}
        ${after !== undefined ? Prisma.sql`AND v.sku > ${after}` : Prisma.empty}
    ),
    skus AS (
      SELECT sku, bool_or(side = 'store') AS in_store, bool_or(side = 'fulfilment') AS in_fulfilment,
        (array_agg(title ORDER BY side <> 'store', title))[1] AS title
      FROM items GROUP BY sku
    ),
    -- Materialized: summed once per query. Inlined, a plan without statistics (fresh rows, not
    -- yet analyzed) re-ran the sums for every SKU of the page: 44 s for a page of 1,600 SKUs.
    at_location AS MATERIALIZED (
      SELECT i.sku, i.side, l."connectionId", l."locationExternalId",
        sum(l.available) AS available, sum(l."onHand") AS "onHand", sum(l.committed) AS committed, sum(l.incoming) AS incoming
      FROM (SELECT DISTINCT sku, side, "connectionId", "inventoryItemExternalId" FROM items) i
      JOIN "InventoryLevel" l ON l."workspaceId" = ${workspaceId} AND l."connectionId" = i."connectionId"
        AND l."inventoryItemExternalId" = i."inventoryItemExternalId"
      GROUP BY i.sku, i.side, l."connectionId", l."locationExternalId"
    ),
    per_sku AS (
      SELECT k.sku, k.title, k.in_store, k.in_fulfilment,
        coalesce(sum(a.available) FILTER (WHERE a.side = 'store'), 0)::float8 AS "storeAvailable",
        coalesce(sum(a.available) FILTER (WHERE a.side = 'fulfilment'), 0)::float8 AS "fulfillable",
        coalesce(sum(a."onHand") FILTER (WHERE a.side = 'fulfilment'), 0)::float8 AS "onHand",
        coalesce(sum(a.committed) FILTER (WHERE a.side = 'fulfilment'), 0)::float8 AS "committed",
        coalesce(sum(a.incoming) FILTER (WHERE a.side = 'fulfilment'), 0)::float8 AS "awaiting",
        coalesce(json_agg(json_build_object(
          'side', a.side, 'connectionId', a."connectionId", 'locationExternalId', a."locationExternalId", 'name', loc.name,
          'available', a.available, 'onHand', a."onHand", 'committed', a.committed, 'incoming', a.incoming
        ) ORDER BY a.side DESC, loc.name, a."locationExternalId") FILTER (WHERE a.sku IS NOT NULL), '[]'::json) AS locations
      FROM skus k
      LEFT JOIN at_location a ON a.sku = k.sku
      LEFT JOIN "Location" loc ON loc."workspaceId" = ${workspaceId} AND loc."connectionId" = a."connectionId"
        AND loc."externalId" = a."locationExternalId"
      GROUP BY k.sku, k.title, k.in_store, k.in_fulfilment
    )
    SELECT * FROM per_sku ${showFilter(input)}
    ORDER BY sku
    LIMIT ${input.limit + 1}`;

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ in_store, in_fulfilment, ...row }): SkuStock => ({
      ...row,
      inStore: in_store,
      inFulfilment: in_fulfilment,
      difference: in_store && in_fulfilment ? row.storeAvailable - row.fulfillable : null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeSkuCursor(last.sku) : null,
    hasFulfilmentConnection,
  };
}
