import { appVersion } from "@/server/env";

export type HealthReport =
  | { status: "ok"; db: "ok"; version: string }
  | { status: "error"; db: "down"; version: string };

// Only the one query the check needs, so tests can hand in a client for another database.
export type HealthDb = { $queryRaw: (query: TemplateStringsArray) => PromiseLike<unknown> };

export const DB_CHECK_TIMEOUT_MS = 2_000;

class DbCheckTimeout extends Error {}

async function withTimeout<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DbCheckTimeout(`database did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function getHealth(
  database: HealthDb,
  options: { timeoutMs?: number; version?: string } = {},
): Promise<{ report: HealthReport; error?: unknown }> {
  const version = options.version ?? appVersion();
  try {
    await withTimeout(database.$queryRaw`SELECT 1`, options.timeoutMs ?? DB_CHECK_TIMEOUT_MS);
    return { report: { status: "ok", db: "ok", version } };
  } catch (error) {
    return { report: { status: "error", db: "down", version }, error };
  }
}
