/** Time source for token expiry, the cost bucket and "60 days of orders". Tests pass a manual clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: makes expiry and bucket restore deterministic in tests. */
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
