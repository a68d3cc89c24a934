import "server-only";
import { AuthError } from "@auth/core/errors";
import { env } from "@/server/env";
import { consumeRateLimit } from "@/server/security/rate-limit";

export const SIGN_IN_RATE_LIMIT = { limit: env.SIGN_IN_RATE_LIMIT, windowMs: 10 * 60 * 1000 };

export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterMs: number };

export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

// Thrown where the link would be mailed, so the limit holds on every path that sends one (the
// form's action and Auth.js's own POST /api/auth/signin/email). The form turns it into the wait
// time; Auth.js's endpoint answers it with its generic error redirect.
export class SignInRateLimitedError extends AuthError {
  static type = "SignInRateLimited";
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super("Too many sign-in attempts");
    this.retryAfterMs = retryAfterMs;
  }
}

// Counts one attempt against both the address (stops mail-bombing one inbox from many IPs) and
// the client IP (stops one client spraying many addresses). Both buckets are consumed even when
// one refuses, so hammering keeps the window closed for the other too.
export async function consumeSignInAttempt({ email, ip }: { email: string; ip: string | null }): Promise<SignInAttempt> {
  const keys = [`signin:email:${normalizeEmail(email)}`, ...(ip ? [`signin:ip:${ip}`] : [])];
  const results = await Promise.all(keys.map((key) => consumeRateLimit(key, SIGN_IN_RATE_LIMIT)));
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return { allowed: true };
  const reopensAt = Math.max(...refused.map((r) => r.resetAt.getTime()));
  return { allowed: false, retryAfterMs: Math.max(0, reopensAt - Date.now()) };
}
