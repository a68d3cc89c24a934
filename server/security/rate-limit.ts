import "server-only";
import { db } from "@/server/db";

export type RateLimitResult = {
  allowed: boolean;
  /** Attempts left in the current window after this one. */
  remaining: number;
  resetAt: Date;
};

export type RateLimitOptions = { limit: number; windowMs: number };

type BucketRow = { count: number; resetAt: Date };

// Fixed-window counter in PostgreSQL, so every app instance shares it. One statement does the
// read-modify-write: the row lock taken by ON CONFLICT DO UPDATE serializes concurrent callers on
// the same key, so N parallel attempts get counts 1..N and never more than `limit` are allowed.
// The clock is the database's (`now()`), not each instance's.
export async function consumeRateLimit(key: string, { limit, windowMs }: RateLimitOptions): Promise<RateLimitResult> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError("windowMs must be a positive integer");

  const rows = await db.$queryRaw<BucketRow[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs}::double precision / 1000))
    ON CONFLICT ("key") DO UPDATE SET
      "count"   = CASE WHEN b."resetAt" <= now() THEN 1 ELSE b."count" + 1 END,
      "resetAt" = CASE WHEN b."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE b."resetAt" END
    RETURNING "count", "resetAt"`;

  const row = rows[0];
  if (!row) throw new Error(`rate limit bucket ${key} was not returned`);
  return { allowed: row.count <= limit, remaining: Math.max(0, limit - row.count), resetAt: row.resetAt };
}
