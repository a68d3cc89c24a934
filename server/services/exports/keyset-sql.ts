import { Prisma } from "@/server/generated/prisma/client";
import { ingestPool } from "@/server/ingest/pool";
import type { ExportColumn, ExportRow, ExportSource } from "./columns";

// Sources read with raw SQL on the ingest pool (node-postgres, arrays for rows): an export reads
// every row of a list, where Prisma's per-row mapping cost several times the CSV writing (see
// dev/bench/insight/exports.ts). Pages follow the list page's keyset (the same order, the same
// tie-break on id), so memory stays one page whatever the export's size.

// "date": a calendar day column, read as its YYYY-MM-DD text (node-postgres would make it a Date
// at local midnight).
type KeyKind = "timestamp" | "date" | "text" | "integer";

export type Keyset = { column: Prisma.Sql; id: Prisma.Sql; direction: "asc" | "desc"; kind: KeyKind };

// Internal to exports (a background step hands it to the next), never taken from a request.
function encodeCursor(value: unknown, id: unknown): string {
  return JSON.stringify([value instanceof Date ? value.toISOString() : value, id]);
}

function afterCursor(keyset: Keyset, cursor: string | null): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const [raw, id] = JSON.parse(cursor) as [string | number, string];
  const value = keyset.kind === "timestamp" ? Prisma.sql`${new Date(raw)}` : keyset.kind === "date" ? Prisma.sql`${raw}::date` : Prisma.sql`${raw}`;
  const op = Prisma.raw(keyset.direction === "asc" ? ">" : "<");
  return Prisma.sql`(${keyset.column} ${op} ${value} OR (${keyset.column} = ${value} AND ${keyset.id} ${op} ${id}))`;
}

type SqlSourceDefinition<F extends object> = Omit<ExportSource<F>, "count" | "pages" | "columns"> & {
  keyset: Keyset;
  /** Each column with the SQL expression of its value, in order. */
  columns: readonly (ExportColumn & { sql: Prisma.Sql })[];
  /** `FROM … WHERE …` of the rows (tenant scope first); may refuse the filters (e.g. NOT_FOUND). */
  from(workspaceId: string, filters: F): Promise<Prisma.Sql>;
};

export function sqlSource<F extends object>(definition: SqlSourceDefinition<F>): ExportSource<F> & { selectSql(workspaceId: string, filters: F): Promise<Prisma.Sql> } {
  const { keyset, columns, from, ...rest } = definition;
  const direction = Prisma.raw(keyset.direction === "asc" ? "ASC" : "DESC");
  const select = Prisma.join(columns.map((column) => column.sql));
  return {
    ...rest,
    columns: columns.map(({ key, header, type }) => ({ key, header, type })),
    async count(workspaceId, filters) {
      const query = Prisma.sql`SELECT count(*)::int AS n ${await from(workspaceId, filters)}`;
      const result = await ingestPool().query<{ n: number }>(query.text, query.values);
      return result.rows[0]?.n ?? 0;
    },
    async *pages(workspaceId, filters, { cursor: start, pageSize }) {
      const base = await from(workspaceId, filters);
      let cursor = start;
      for (;;) {
        const query = Prisma.sql`SELECT ${keyset.kind === "date" ? Prisma.sql`${keyset.column}::text` : keyset.column}, ${keyset.id}, ${select} ${base} AND ${afterCursor(keyset, cursor)}
          ORDER BY ${keyset.column} ${direction}, ${keyset.id} ${direction} LIMIT ${pageSize}`;
        const result = await ingestPool().query<unknown[]>({ text: query.text, values: query.values, rowMode: "array" });
        const rows = result.rows;
        const last = rows.at(-1);
        if (!last) return;
        cursor = encodeCursor(last[0], last[1]);
        yield { rows: rows.map((row) => row.slice(2) as ExportRow), cursor };
        if (rows.length < pageSize) return;
      }
    },
    /** The whole export as one SELECT, for the benchmark's COPY baseline. */
    async selectSql(workspaceId, filters) {
      return Prisma.sql`SELECT ${select} ${await from(workspaceId, filters)} ORDER BY ${keyset.column} ${direction}, ${keyset.id} ${direction}`;
    },
  };
}

/** ` AND <condition>` for a filter that is set; nothing for one that is not. */
export function andIf<T>(value: T | undefined, condition: (value: T) => Prisma.Sql): Prisma.Sql {
  return value === undefined ? Prisma.empty : Prisma.sql` AND ${condition(value)}`;
}
