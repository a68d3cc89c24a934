// What every benchmark run sets up the same way: what to stop when it ends or is interrupted, and
// a throwaway folder and PostgreSQL database with the migrations applied.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startThrowawayPostgres } from "@/dev/db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "@/dev/db/migrations";

export type BenchCleanups = { cleanups: Array<() => Promise<unknown>>; stopAll(): Promise<void> };

/** Cleanups run last-in first-out by `stopAll()`, and on Ctrl-C or SIGTERM before the process exits. */
export function benchCleanups(name: string): BenchCleanups {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of cleanups.reverse()) await stop().catch((error: unknown) => console.error(`[${name}] cleanup:`, error));
    cleanups.length = 0;
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));
  return { cleanups, stopAll };
}

/** A temp folder and a migrated database `meridian_<slug>` on a throwaway PostgreSQL, both removed by the cleanups. */
export async function throwawayBenchDatabase(slug: string, { cleanups }: BenchCleanups): Promise<{ workDir: string; databaseUrl: string }> {
  const workDir = await mkdtemp(join(tmpdir(), `meridian-${slug.replace(/_/g, "-")}-`));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  const pg = await startThrowawayPostgres();
  cleanups.push(() => pg.stop());
  await ensureDatabase(pg.url("postgres"), `meridian_${slug}`);
  const databaseUrl = pg.url(`meridian_${slug}`);
  await deployMigrations(databaseUrl);
  return { workDir, databaseUrl };
}
