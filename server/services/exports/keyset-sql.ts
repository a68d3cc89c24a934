import { Prisma } from "@/server/generated/prisma/client";
import { ingestPool } from "@/server/ingest/pool";
import type { ExportColumn, ExportRow, ExportSelection, ExportSource } from "./columns";
import { copyCsv } from "./copy-csv";
import { neutraliseFormulaSql } from "./neutralise-formula";

// Sources read with raw SQL on the ingest pool (node-postgres, arrays for rows): an export reads
// every row of a list, where Prisma's per-row mapping cost several times the CSV writing (see
// dev/bench/insight/exports.ts). Pages follow the list page's keyset (the same order, the same
// tie-break on id), so memory stays one page whatever the export's size.

// "date": a calendar day column, read as its YYYY-MM-DD text (node-postgres would make it a Date
// at local midnight). Key values travel in the cursor as text.
type KeyKind = "timestamp" | "date" | "text" | "integer";

export type Keyset = { column: Prisma.Sql; id: Prisma.Sql; direction: "asc" | "desc"; kind: KeyKind };

// Internal to exports (a background step hands it to the next), never taken from a request.
function encodeCursor(value: unknown, id: unknown): string {
  return JSON.stringify([value, id]);
}

// Timestamps leave PostgreSQL as ISO-8601 text (UTC, milliseconds: the columns' precision), so
// no row pays for node-postgres's date parsing; writers make real dates of them only for .xlsx.
function isoText(sql: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function keyText(keyset: Keyset): Prisma.Sql {
  if (keyset.kind === "timestamp") return isoText(keyset.column);
  return keyset.kind === "date" ? Prisma.sql`${keyset.column}::text` : keyset.column;
}

// Rows after `cursor` (the start of a page or part), or up to and including it (a part's end).
function keysetBound(keyset: Keyset, side: "after" | "through", cursor: string | null | undefined): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const [raw, id] = JSON.parse(cursor) as [string | number, string];
  const cast = { timestamp: Prisma.raw("::timestamptz"), date: Prisma.raw("::date"), text: Prisma.empty, integer: Prisma.raw("::int") }[keyset.kind];
  const value = Prisma.sql`${raw}${cast}`;
  const forward = keyset.direction === "asc" === (side === "after");
  const [op, orEqual] = forward ? [Prisma.raw(">"), Prisma.raw(">=")] : [Prisma.raw("<"), Prisma.raw("<=")];
  // The first term alone bounds the index scan: without it each page would filter every row
  // before its start, and reading a list would cost the square of its length.
  const tie = side === "after" ? Prisma.sql`${keyset.id} ${op} ${id}` : Prisma.sql`${keyset.id} ${orEqual} ${id}`;
  return Prisma.sql`${keyset.column} ${orEqual} ${value} AND (${keyset.column} ${op} ${value} OR ${tie})`;
}

// What each type becomes in the CSV PostgreSQL writes: text neutralised, booleans spelt out (COPY
// writes t/f), timestamps ISO-8601; numbers and days print as they are.
function csvValue(column: ExportColumn & { sql: Prisma.Sql }): Prisma.Sql {
  if (column.type === "text") return neutraliseFormulaSql(column.sql);
  if (column.type === "boolean") return Prisma.sql`CASE ${column.sql} WHEN TRUE THEN 'true' WHEN FALSE THEN 'false' END`;
  if (column.type === "timestamp") return isoText(column.sql);
  return column.sql;
}

// PostgreSQL cuts names longer than this, and COPY's header line is the select's column names.
const MAX_IDENTIFIER_BYTES = 63;

function headerAlias(header: string): Prisma.Sql {
  if (Buffer.byteLength(header) > MAX_IDENTIFIER_BYTES) throw new Error(`Export header "${header}" is longer than PostgreSQL's names.`);
  return Prisma.raw(`"${header.replaceAll('"', '""')}"`);
}

type SqlSourceDefinition<F extends object> = Omit<ExportSource<F>, "count" | "pages" | "partEnd" | "csv" | "columns"> & {
  keyset: Keyset;
  /** Each column with the SQL expression of its value, in order. */
  columns: readonly (ExportColumn & { sql: Prisma.Sql })[];
  /** `FROM … WHERE …` of the rows (tenant scope first); may refuse the filters (e.g. NOT_FOUND). */
  from(workspaceId: string, filters: F): Promise<Prisma.Sql>;
};

export function sqlSource<F extends object>(definition: SqlSourceDefinition<F>): ExportSource<F> & { selectSql(workspaceId: string, filters: F): Promise<Prisma.Sql> } {
  const { keyset, columns, from: fromFiltered, ...rest } = definition;
  const from = async (workspaceId: string, filters: F & ExportSelection) =>
    Prisma.sql`${await fromFiltered(workspaceId, filters)}${andIf(filters.ids, (ids) => Prisma.sql`${keyset.id} = ANY(${ids})`)}`;
  const direction = Prisma.raw(keyset.direction === "asc" ? "ASC" : "DESC");
  const select = Prisma.join(columns.map((column) => (column.type === "timestamp" ? isoText(column.sql) : column.sql)));
  const csvSelect = Prisma.join(columns.map((column) => Prisma.sql`${csvValue(column)} AS ${headerAlias(column.header)}`));
  const order = Prisma.sql`ORDER BY ${keyset.column} ${direction}, ${keyset.id} ${direction}`;
  return {
    ...rest,
    columns: columns.map(({ key, header, type }) => ({ key, header, type })),
    async count(workspaceId, filters) {
      const query = Prisma.sql`SELECT count(*)::int AS n ${await from(workspaceId, filters)}`;
      const result = await ingestPool().query<{ n: number }>(query.text, query.values);
      return result.rows[0]?.n ?? 0;
    },
    async *pages(workspaceId, filters, { cursor: start, through, pageSize }) {
      const base = Prisma.sql`${await from(workspaceId, filters)} AND ${keysetBound(keyset, "through", through)}`;
      const read = (cursor: string | null) => {
        const query = Prisma.sql`SELECT ${keyText(keyset)}, ${keyset.id}, ${select} ${base} AND ${keysetBound(keyset, "after", cursor)} ${order} LIMIT ${pageSize}`;
        const rows = ingestPool()
          .query<unknown[]>({ text: query.text, values: query.values, rowMode: "array" })
          .then((result) => result.rows);
        // A page read ahead and then abandoned (the reader stopped) must not become an unhandled rejection.
        rows.catch(() => undefined);
        return rows;
      };
      let next = read(start);
      for (;;) {
        const rows = await next;
        const last = rows.at(-1);
        if (!last) return;
        const cursor = encodeCursor(last[0], last[1]);
        const more = rows.length === pageSize;
        // The next page is read while this one is written: PostgreSQL and the writer work at once,
        // and memory holds at most two pages.
        if (more) next = read(cursor);
        yield { rows: rows.map((row) => row.slice(2) as ExportRow), cursor };
        if (!more) return;
      }
    },
    async partEnd(workspaceId, filters, { cursor, rows }) {
      const query = Prisma.sql`SELECT ${keyText(keyset)}, ${keyset.id} ${await from(workspaceId, filters)} AND ${keysetBound(keyset, "after", cursor)}
        ${order} OFFSET ${rows - 1} LIMIT 1`;
      const [last] = (await ingestPool().query<unknown[]>({ text: query.text, values: query.values, rowMode: "array" })).rows;
      return last ? encodeCursor(last[0], last[1]) : null;
    },
    async *csv(workspaceId, filters, { cursor, through, header }) {
      const base = await from(workspaceId, filters);
      yield* copyCsv(Prisma.sql`SELECT ${csvSelect} ${base} AND ${keysetBound(keyset, "after", cursor)} AND ${keysetBound(keyset, "through", through)} ${order}`, { header });
    },
    /** The whole export as one SELECT, for the benchmark's COPY baseline. */
    async selectSql(workspaceId, filters) {
      return Prisma.sql`SELECT ${select} ${await from(workspaceId, filters)} ${order}`;
    },
  };
}

/** ` AND <condition>` for a filter that is set; nothing for one that is not. */
export function andIf<T>(value: T | undefined, condition: (value: T) => Prisma.Sql): Prisma.Sql {
  return value === undefined ? Prisma.empty : Prisma.sql` AND ${condition(value)}`;
}
