import "server-only";
import type { AllowanceTake, RequestAllowance, RequestWindowLimit, WindowUsage } from "@/server/connectors/_core/request-allowance";
import { db } from "@/server/db";

// The RequestAllowance port (server/connectors/_core/request-allowance.ts) in PostgreSQL, so every
// process (each sync step, the web app's actions) draws from one count. One row per allowance key
// holds its count in each current window (RequestWindowCount.windows, by the window's length in
// seconds). A take is one conditional upsert: ON CONFLICT DO UPDATE locks the row and evaluates its
// WHERE on the latest committed version, so concurrent takers queue on the row and a request is
// counted in every window or, when any is full, in none. A window whose start has passed counts
// from zero and is overwritten by the next take; the row of a key no one draws from any more is
// deleted by retention's system pass once all its windows have ended. The clock is the
// database's (`now()`), one for every process.

type StoredWindows = Record<string, { start: number; used: number } | undefined>;

function checked(windows: readonly RequestWindowLimit[]): readonly RequestWindowLimit[] {
  for (const { seconds, limit } of windows) {
    if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError(`A request window's seconds must be a positive integer, not ${seconds}`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A request window's limit must be a positive integer, not ${limit}`);
  }
  if (windows.length === 0) throw new RangeError("A request allowance needs at least one window");
  return windows;
}

/** Where the current window of `seconds` began, in epoch seconds, at `nowSeconds`. */
function windowStart(seconds: number, nowSeconds: number): number {
  return Math.floor(nowSeconds / seconds) * seconds;
}

/** What the stored windows say of `windows` at `nowSeconds`: a window stored with an earlier start has used nothing yet. */
function usageAt(stored: StoredWindows | null, windows: readonly RequestWindowLimit[], nowSeconds: number): WindowUsage[] {
  return windows.map(({ seconds, limit }) => {
    const start = windowStart(seconds, nowSeconds);
    const current = stored?.[String(seconds)];
    return { seconds, limit, used: current?.start === start ? current.used : 0, resetsAt: (start + seconds) * 1000 };
  });
}

async function take(key: string, windows: readonly RequestWindowLimit[]): Promise<AllowanceTake> {
  checked(windows);
  const seconds = windows.map((w) => w.seconds);
  const limits = windows.map((w) => w.limit);
  // The refusal reads the row as the statement's snapshot saw it: if a concurrent take filled a
  // window since, that window may look open, and the retry time is then the soonest reset.
  const [row] = await db.$queryRaw<{ granted: boolean; stored: StoredWindows | null; now: number }[]>`
    WITH wanted AS (
      SELECT w.seconds, w.lim, floor(extract(epoch FROM now()) / w.seconds)::bigint * w.seconds AS start
      FROM unnest(${seconds}::int[], ${limits}::int[]) AS w(seconds, lim)
    ), counted AS (
      INSERT INTO "RequestWindowCount" AS r ("allowanceKey", "windows", "updatedAt")
      SELECT ${key}, jsonb_object_agg(w.seconds::text, jsonb_build_object('start', w.start, 'used', 1)), now() FROM wanted w
      ON CONFLICT ("allowanceKey") DO UPDATE SET
        "windows" = r."windows" || (
          SELECT jsonb_object_agg(w.seconds::text, jsonb_build_object('start', w.start, 'used', 1 + CASE
            WHEN (r."windows" -> w.seconds::text ->> 'start')::bigint = w.start THEN (r."windows" -> w.seconds::text ->> 'used')::int ELSE 0 END))
          FROM wanted w),
        "updatedAt" = now()
      WHERE NOT EXISTS (
        SELECT 1 FROM wanted w
        WHERE (r."windows" -> w.seconds::text ->> 'start')::bigint = w.start AND (r."windows" -> w.seconds::text ->> 'used')::int >= w.lim)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM counted) AS granted,
      (SELECT "windows" FROM "RequestWindowCount" WHERE "allowanceKey" = ${key}) AS stored,
      extract(epoch FROM now())::float8 AS now`;
  if (!row) throw new Error(`The request allowance ${key} answered nothing`);
  if (row.granted) return { granted: true };
  const usage = usageAt(row.stored, windows, row.now);
  const full = usage.filter((w) => w.used >= w.limit);
  const retryAt = full.length ? Math.max(...full.map((w) => w.resetsAt)) : Math.min(...usage.map((w) => w.resetsAt));
  return { granted: false, retryAt };
}

async function exhaust(key: string, window: RequestWindowLimit): Promise<void> {
  const [{ seconds, limit }] = checked([window]) as [RequestWindowLimit];
  await db.$executeRaw`
    INSERT INTO "RequestWindowCount" AS r ("allowanceKey", "windows", "updatedAt")
    VALUES (${key}, jsonb_build_object(${seconds}::int::text, jsonb_build_object(
      'start', floor(extract(epoch FROM now()) / ${seconds}::int)::bigint * ${seconds}::int, 'used', ${limit}::int)), now())
    ON CONFLICT ("allowanceKey") DO UPDATE SET "windows" = r."windows" || EXCLUDED."windows", "updatedAt" = now()`;
}

async function usage(key: string, windows: readonly RequestWindowLimit[]): Promise<WindowUsage[]> {
  checked(windows);
  const [row] = await db.$queryRaw<{ stored: StoredWindows | null; now: number }[]>`
    SELECT (SELECT "windows" FROM "RequestWindowCount" WHERE "allowanceKey" = ${key}) AS stored, extract(epoch FROM now())::float8 AS now`;
  return usageAt(row?.stored ?? null, windows, row?.now ?? Date.now() / 1000);
}

/** The request allowance every ConnectionContext carries. */
export const requestWindows: RequestAllowance = { take, exhaust, usage };
