import pg from "pg";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";

// Ingest's bulk statements go through node-postgres directly rather than Prisma's raw queries:
// measured on the ingest benchmark, Prisma spent 30-70 ms of JavaScript per 2,000-order batch
// on the array parameters, about a tenth of the whole batch. Everything else uses `db`.
const globalForPool = globalThis as unknown as { meridianIngestPool?: pg.Pool };

function createPool(): pg.Pool {
  // allowExitOnIdle: an idle pool must not keep a script or test worker alive.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, allowExitOnIdle: true });
  // An idle connection dropped by the server (restart, failover) is replaced on the next query;
  // without a listener the pool's error event would end the process.
  pool.on("error", (error) => logger.warn({ error: error.message }, "ingest: idle database connection lost"));
  return pool;
}

export function ingestPool(): pg.Pool {
  globalForPool.meridianIngestPool ??= createPool();
  return globalForPool.meridianIngestPool;
}

type Queryable = { query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

/** An open transaction of inIngestTransaction: statements run on it commit or roll back together. */
export type IngestTransaction = Queryable;

/** Where a statement runs: inside the caller's transaction when given, else on its own. */
export const sessionOf = (tx: IngestTransaction | undefined): Queryable => tx ?? ingestPool();

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it resolves,
 * rolled back when it throws (and nothing of it is kept when the process dies before COMMIT).
 */
export async function inIngestTransaction<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
  const client = await ingestPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than returned to the pool.
    const broken = await client.query("ROLLBACK").then(
      () => undefined,
      (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
    );
    client.release(broken);
    throw error;
  }
}

/** Closes the pool (scripts that stop their database server first). */
export async function endIngestPool(): Promise<void> {
  const pool = globalForPool.meridianIngestPool;
  globalForPool.meridianIngestPool = undefined;
  await pool?.end();
}
