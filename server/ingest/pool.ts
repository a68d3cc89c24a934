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

/** Closes the pool (scripts that stop their database server first). */
export async function endIngestPool(): Promise<void> {
  const pool = globalForPool.meridianIngestPool;
  globalForPool.meridianIngestPool = undefined;
  await pool?.end();
}
