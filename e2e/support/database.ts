// Direct access to the e2e server's database, for what a browser cannot see: the mail the app
// "sent" (EmailOutbox) and rows a refused request must not have written.
import pg from "pg";
import { readServerInfo } from "@/dev/e2e/server-info";

let pool: pg.Pool | undefined;

function database(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: readServerInfo().databaseUrl, max: 2 });
  return pool;
}

export async function query<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const { rows } = await database().query<Row>(sql, params);
  return rows;
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
