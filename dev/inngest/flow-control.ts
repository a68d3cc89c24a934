// Flow-control primitives, each keyed by `<function id>:<key expression value>`.

/** Concurrency slots: a call takes one slot of every limit that applies, all at once or none. */
export class SlotPool {
  private readonly used = new Map<string, number>();
  private readonly waiting: Array<{ limits: Array<{ key: string; limit: number }>; grant: () => void }> = [];

  acquire(limits: Array<{ key: string; limit: number }>): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        for (const { key } of limits) this.used.set(key, (this.used.get(key) ?? 0) + 1);
        resolve(() => this.release(limits));
      };
      if (this.waiting.length === 0 && this.fits(limits)) grant();
      else this.waiting.push({ limits, grant });
    });
  }

  inUse(key: string): number {
    return this.used.get(key) ?? 0;
  }

  private fits(limits: Array<{ key: string; limit: number }>) {
    return limits.every(({ key, limit }) => (this.used.get(key) ?? 0) < limit);
  }

  private release(limits: Array<{ key: string; limit: number }>) {
    for (const { key } of limits) {
      const left = (this.used.get(key) ?? 1) - 1;
      if (left > 0) this.used.set(key, left);
      else this.used.delete(key);
    }
    // FIFO, but a waiter blocked on a busy key does not hold up waiters on other keys.
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      if (this.fits(waiter.limits)) {
        this.waiting.splice(i, 1);
        waiter.grant();
      } else {
        i++;
      }
    }
  }
}

/** Start-time reservations in a sliding window: throttle delays a start, rate limit drops it. */
export class WindowCounter {
  private readonly starts = new Map<string, number[]>();

  /** Throttle: the earliest time at or after `now` a new run may start, reserved. */
  reserve(key: string, capacity: number, periodMs: number, now: number): number {
    const list = this.pruned(key, periodMs, now);
    const at = list.length < capacity ? now : Math.max(now, list[list.length - capacity]! + periodMs);
    list.push(at);
    return at;
  }

  /** Rate limit: records a start and answers true, or answers false when the window is full. */
  tryTake(key: string, limit: number, periodMs: number, now: number): boolean {
    const list = this.pruned(key, periodMs, now);
    if (list.length >= limit) return false;
    list.push(now);
    return true;
  }

  private pruned(key: string, periodMs: number, now: number): number[] {
    const list = (this.starts.get(key) ?? []).filter((at) => at > now - periodMs);
    this.starts.set(key, list);
    return list;
  }
}

/** Keys remembered for a time (event ids and idempotency keys: 24 h). */
export class ExpiringSet {
  private readonly entries = new Map<string, number>();
  constructor(private readonly ttlMs: number) {}

  /** Adds the key; answers false if it was already there and unexpired. */
  add(key: string, now: number): boolean {
    const expires = this.entries.get(key);
    if (expires !== undefined && expires > now) return false;
    this.entries.set(key, now + this.ttlMs);
    if (this.entries.size > 10_000) for (const [k, at] of this.entries) if (at <= now) this.entries.delete(k);
    return true;
  }

  get(key: string): boolean {
    return this.entries.has(key);
  }
}

/** Debounce: the last event of a quiet `period` (or when `timeout` since the first) is run. */
export class Debouncer<T> {
  private readonly pending = new Map<string, { item: T; firstAt: number; timer: NodeJS.Timeout }>();

  push(key: string, item: T, periodMs: number, timeoutMs: number | undefined, now: number, fire: (item: T) => void) {
    const existing = this.pending.get(key);
    if (existing) clearTimeout(existing.timer);
    const firstAt = existing?.firstAt ?? now;
    const wait = timeoutMs === undefined ? periodMs : Math.max(0, Math.min(periodMs, firstAt + timeoutMs - now));
    const timer = setTimeout(() => {
      this.pending.delete(key);
      fire(item);
    }, wait);
    this.pending.set(key, { item, firstAt, timer });
  }

  clear() {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
