import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createContextForSession } from "@/server/api/trpc";
import { db } from "@/server/db";

export const TEST_IP = "203.0.113.7";
export const TEST_USER_AGENT = "vitest-caller";

// A tRPC caller acting as `user` (or anonymous), as if the request came through the HTTP route.
export function callerFor(user: { id: string; email: string; name?: string | null } | null) {
  const headers = new Headers({ "x-forwarded-for": TEST_IP, "user-agent": TEST_USER_AGENT });
  const session = user
    ? { user: { id: user.id, email: user.email, name: user.name ?? null }, expires: new Date(Date.now() + 3_600_000).toISOString() }
    : null;
  return createCaller(createContextForSession(session, headers));
}

export type Caller = ReturnType<typeof callerFor>;

// The tRPC error code a call fails with (fails the test if the call succeeds).
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

// A fingerprint of every table's contents: equal snapshots mean no row was added, removed or changed.
export async function snapshotTables(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await db.$queryRawUnsafe<{ n: number; h: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${quoted} t`,
    );
    snapshot[name] = `${row?.n}:${row?.h}`;
  }
  return snapshot;
}
