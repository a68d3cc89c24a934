import type { Clock } from "./clock";
import type { HttpAnswer } from "./http";

/** What a limiter decided for one request (`key`: who is counted, e.g. user + application). */
export type Decision =
  | { allowed: true; limit: number; remaining: number; resetAt: number }
  | { allowed: false; limit: number; remaining: 0; resetAt: number; retryAfterMs: number };
export type Refusal = Extract<Decision, { allowed: false }>;

export interface Limiter {
  /** What `take` would decide, without counting anything. */
  peek(key: string, cost?: number): Decision;
  /** Counts the request when it is allowed; a refused one is not counted. */
  take(key: string, cost?: number): Decision;
}

/** A provider's 429: its own status line, headers and body for a refusal. */
export type RateLimitShape = (refusal: Refusal) => HttpAnswer;

/**
 * N requests per window, windows aligned to multiples of the window (the top of the minute or
 * hour, as FreeAgent resets them): a client that waits for the next window is served at once.
 */
export class FixedWindowLimiter implements Limiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly options: { limit: number; windowMs: number; clock: Clock }) {}

  private window(key: string) {
    const start = Math.floor(this.options.clock.now() / this.options.windowMs) * this.options.windowMs;
    let entry = this.windows.get(key);
    if (!entry || entry.start !== start) this.windows.set(key, (entry = { start, used: 0 }));
    return entry;
  }

  peek(key: string, cost = 1): Decision {
    const { limit, windowMs, clock } = this.options;
    const window = this.window(key);
    const resetAt = window.start + windowMs;
    if (window.used + cost > limit) return { allowed: false, limit, remaining: 0, resetAt, retryAfterMs: resetAt - clock.now() };
    return { allowed: true, limit, remaining: limit - window.used - cost, resetAt };
  }

  take(key: string, cost = 1): Decision {
    const decision = this.peek(key, cost);
    if (decision.allowed) this.window(key).used += cost;
    return decision;
  }
}

/**
 * N requests in any window of the given length (ShipBob's 150 per minute): each request counts
 * until one window after it was made, so a refused client waits for its oldest request to age out.
 */
export class SlidingWindowLimiter implements Limiter {
  private readonly log = new Map<string, number[]>();

  constructor(private readonly options: { limit: number; windowMs: number; clock: Clock }) {}

  private recent(key: string, now: number): number[] {
    const times = (this.log.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    this.log.set(key, times);
    return times;
  }

  peek(key: string, cost = 1): Decision {
    const { limit, windowMs, clock } = this.options;
    const now = clock.now();
    const times = this.recent(key, now);
    if (times.length + cost > limit) {
      // The request fits once enough of the oldest ones have aged out.
      const resetAt = times[times.length + cost - limit - 1]! + windowMs;
      return { allowed: false, limit, remaining: 0, resetAt, retryAfterMs: resetAt - now };
    }
    return { allowed: true, limit, remaining: limit - times.length - cost, resetAt: (times[0] ?? now) + windowMs };
  }

  take(key: string, cost = 1): Decision {
    const decision = this.peek(key, cost);
    if (decision.allowed) this.recent(key, this.options.clock.now()).push(...Array<number>(cost).fill(this.options.clock.now()));
    return decision;
  }
}

/** One token bucket: `capacity` tokens, refilled at `ratePerSecond`; fractional levels are kept. */
export class TokenBucket {
  private level: number;
  private at: number;

  constructor(
    public capacity: number,
    public ratePerSecond: number,
    private readonly clock: Clock,
  ) {
    this.level = capacity;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.at) this.level = Math.min(this.capacity, this.level + ((now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
  }

  available(): number {
    this.refill();
    return this.level;
  }

  /** Milliseconds until `cost` tokens are there (0 when they are). */
  waitMs(cost: number): number {
    const missing = cost - this.available();
    return missing <= 0 ? 0 : Math.ceil((missing / this.ratePerSecond) * 1000);
  }

  /** Takes `cost` if that many are there; false (nothing taken) otherwise. */
  tryTake(cost: number): boolean {
    if (this.available() < cost) return false;
    this.level -= cost;
    return true;
  }

  /** Gives tokens back (a request that cost less than it was charged), never above capacity. */
  refund(tokens: number): void {
    this.level = Math.min(this.capacity, this.available() + tokens);
  }

  /** Sets the level: lets tests provoke a refusal without sending hundreds of requests. */
  set(tokens: number): void {
    this.refill();
    this.level = Math.max(0, Math.min(this.capacity, tokens));
  }

  setLimits(limits: { capacity?: number; ratePerSecond?: number }): void {
    this.refill();
    if (limits.capacity !== undefined) this.capacity = limits.capacity;
    if (limits.ratePerSecond !== undefined) this.ratePerSecond = limits.ratePerSecond;
    this.level = Math.min(this.level, this.capacity);
  }
}

/** A token bucket per key (Amazon SP-API's usage plans: `rate` per second, `burst` capacity). */
export class TokenBucketLimiter implements Limiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: { ratePerSecond: number; burst: number; clock: Clock }) {}

  bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.options.burst, this.options.ratePerSecond, this.options.clock)));
    return bucket;
  }

  peek(key: string, cost = 1): Decision {
    const bucket = this.bucket(key);
    const now = this.options.clock.now();
    const wait = bucket.waitMs(cost);
    const limit = this.options.burst;
    if (wait > 0) return { allowed: false, limit, remaining: 0, resetAt: now + wait, retryAfterMs: wait };
    return { allowed: true, limit, remaining: Math.floor(bucket.available() - cost), resetAt: now + bucket.waitMs(limit) };
  }

  take(key: string, cost = 1): Decision {
    const decision = this.peek(key, cost);
    if (decision.allowed) this.bucket(key).tryTake(cost);
    return decision;
  }
}

/**
 * Several limits on the same requests (FreeAgent: 120 a minute and 3,600 an hour): a request is
 * counted by all of them or by none, and a refusal waits for the latest of their resets.
 */
export function allOf(...limiters: Limiter[]): Limiter {
  const peek = (key: string, cost = 1): Decision => {
    const decisions = limiters.map((l) => l.peek(key, cost));
    const refusals = decisions.filter((d): d is Refusal => !d.allowed);
    if (refusals.length) return refusals.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
    return decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  };
  return {
    peek,
    take(key, cost = 1) {
      const decision = peek(key, cost);
      if (decision.allowed) for (const limiter of limiters) limiter.take(key, cost);
      return decision;
    },
  };
}
