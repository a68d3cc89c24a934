/** Time source for token expiry, rate limits and generated history. Tests pass a manual clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: makes expiry, limiter windows and buckets deterministic in tests. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 9, 15)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}
