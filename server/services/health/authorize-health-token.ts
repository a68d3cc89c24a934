import { createHash, timingSafeEqual } from "node:crypto";

// True when the request carries `Authorization: Bearer <token>` matching the configured token.
// Both sides are hashed first so the comparison takes the same time whatever the lengths; no
// token configured means nobody gets the detail.
export function authorizeHealthToken(authorization: string | null, expected: string | undefined): boolean {
  if (!expected || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(expected));
}
