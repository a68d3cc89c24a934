import { workspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ingestPool } from "@/server/ingest/pool";
import { skuListCtes, skuOrder, type SkuSortColumns } from "@/server/services/inventory/find-inventory-by-sku";
import { findInventoryBySkuInput, type FindInventoryBySkuInput } from "@/server/services/inventory/schema";
import type { ExportColumn, ExportRow, ExportSelection, ExportSource } from "../columns";
import { copyCsv } from "../copy-csv";
import { neutraliseFormulaSql } from "../neutralise-formula";

// Inventory by SKU (find-inventory-by-sku.ts): the page's own statement for the same filters and
// sort, so the file has the page's rows in the page's order; Export selected takes SKUs as its ids.
// The rows are InventorySkuTotal's, paged through the sort's index as the page is; this source
// keeps its own paging instead of keyset-sql's sqlSource because the order is the page's (value,
// SKU) key (SKUs in one system only last when sorting by difference) rather than a column and an
// id, and its positions are the page's (value, SKU) cursors.

type Column = ExportColumn & { sql: Prisma.Sql };

const COLUMNS: readonly Column[] = [
  { key: "sku", header: "SKU", type: "text", sql: Prisma.sql`f.sku` },
  { key: "title", header: "Title", type: "text", sql: Prisma.sql`f.title` },
  { key: "inStore", header: "In store", type: "boolean", sql: Prisma.sql`f.in_store` },
  { key: "inFulfilment", header: "At 3PL", type: "boolean", sql: Prisma.sql`f.in_fulfilment` },
  { key: "storeAvailable", header: "Store available", type: "integer", sql: Prisma.sql`f."storeAvailable"` },
  { key: "fulfillable", header: "3PL fulfillable", type: "integer", sql: Prisma.sql`f.fulfillable` },
  { key: "onHand", header: "3PL on hand", type: "integer", sql: Prisma.sql`f."onHand"` },
  { key: "committed", header: "3PL committed", type: "integer", sql: Prisma.sql`f.committed` },
  { key: "awaiting", header: "3PL awaiting", type: "integer", sql: Prisma.sql`f.awaiting` },
  { key: "difference", header: "Difference", type: "integer", sql: Prisma.sql`f.difference` },
];

// The totals are float8 (exact for whole numbers); PostgreSQL's CSV would print a large one in
// exponent form, so integers are written as bigint. Text is neutralised, booleans spelt out.
function csvValue(column: Column): Prisma.Sql {
  const alias = Prisma.raw(`"${column.header}"`);
  if (column.type === "text") return Prisma.sql`${neutraliseFormulaSql(column.sql)} AS ${alias}`;
  if (column.type === "boolean") return Prisma.sql`CASE ${column.sql} WHEN TRUE THEN 'true' ELSE 'false' END AS ${alias}`;
  return Prisma.sql`${column.sql}::bigint AS ${alias}`;
}

type Filters = FindInventoryBySkuInput & ExportSelection;

// The key columns of a row (what the order's cursors are made of), ahead of the exported ones.
const KEY_SELECT = Prisma.sql`f.sku, f.title, f."storeAvailable", f.fulfillable, f.difference`;
const KEY_COLUMNS = 5;

function keyColumns(row: unknown[]): SkuSortColumns {
  const [sku, title, storeAvailable, fulfillable, difference] = row as [string, string, number, number, number | null];
  return { sku, title, storeAvailable, fulfillable, difference };
}

// The list's rows for the filters (`WITH` these, then read `filtered f`) and their order.
async function listOf(workspaceId: string, filters: Filters) {
  const { ctes } = await skuListCtes(workspaceDb(workspaceId), workspaceId, filters);
  const order = skuOrder(filters);
  return {
    ctes,
    order,
    // Rows after `cursor` and up to and including `through` (a part's end), either absent.
    range(cursor: string | null | undefined, through?: string | null): Prisma.Sql {
      const after = cursor ? order.after(order.keyOfCursor(cursor)) : Prisma.sql`TRUE`;
      const upTo = through ? Prisma.sql`NOT ${order.after(order.keyOfCursor(through))}` : Prisma.sql`TRUE`;
      return Prisma.sql`${after} AND ${upTo}`;
    },
  };
}

async function queryArrays(query: Prisma.Sql): Promise<unknown[][]> {
  const result = await ingestPool().query<unknown[]>({ text: query.text, values: query.values, rowMode: "array" });
  return result.rows;
}

export const inventoryBySkuSource: ExportSource<Filters> = {
  list: "inventory-sku",
  fileStem: "inventory-by-sku",
  requires: "data.read",
  filters: findInventoryBySkuInput,
  columns: COLUMNS.map(({ key, header, type }) => ({ key, header, type })),
  async count(workspaceId, filters) {
    const { ctes } = await listOf(workspaceId, filters);
    const [row] = await queryArrays(Prisma.sql`WITH ${ctes} SELECT count(*)::int FROM filtered`);
    return row![0] as number;
  },
  async *pages(workspaceId, filters, { cursor: start, through, pageSize }) {
    const { ctes, order, range } = await listOf(workspaceId, filters);
    const select = Prisma.join(COLUMNS.map((column) => column.sql));
    let cursor = start;
    for (;;) {
      const rows = await queryArrays(Prisma.sql`WITH ${ctes} SELECT ${KEY_SELECT}, ${select} FROM filtered f WHERE ${range(cursor, through)} ${order.orderBy} LIMIT ${pageSize}`);
      const last = rows.at(-1);
      if (!last) return;
      cursor = order.cursorOf(keyColumns(last));
      yield { rows: rows.map((row) => row.slice(KEY_COLUMNS) as ExportRow), cursor };
      if (rows.length < pageSize) return;
    }
  },
  async partEnd(workspaceId, filters, { cursor, rows }) {
    const { ctes, order, range } = await listOf(workspaceId, filters);
    const [last] = await queryArrays(Prisma.sql`WITH ${ctes} SELECT ${KEY_SELECT} FROM filtered f WHERE ${range(cursor)} ${order.orderBy} OFFSET ${rows - 1} LIMIT 1`);
    return last ? order.cursorOf(keyColumns(last)) : null;
  },
  async *csv(workspaceId, filters, { cursor, through, header }) {
    const { ctes, order, range } = await listOf(workspaceId, filters);
    yield* copyCsv(Prisma.sql`WITH ${ctes} SELECT ${Prisma.join(COLUMNS.map(csvValue))} FROM filtered f WHERE ${range(cursor, through)} ${order.orderBy}`, { header });
  },
};
