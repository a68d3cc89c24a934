import type { Decision, Limiter } from "../_kit/rate-limits";

/**
 * A limiter that counts what it decided: the requests let through and those refused (answered
 * 429). npm run bench:shipbob reports the requests a sync made and the share of them refused.
 */
export class CountingLimiter implements Limiter {
  readonly counts = { allowed: 0, refused: 0 };

  constructor(private readonly limiter: Limiter) {}

  peek(key: string, cost?: number): Decision {
    return this.limiter.peek(key, cost);
  }

  take(key: string, cost?: number): Decision {
    const decision = this.limiter.take(key, cost);
    this.counts[decision.allowed ? "allowed" : "refused"]++;
    return decision;
  }
}
