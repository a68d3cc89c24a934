import { createHash } from "node:crypto";
import { abortableSleep } from "../_core/http";

// ShipBob allows 150 requests per minute in a sliding window, per user and application: every
// connection using the same token draws on one allowance. So requests are paced here, before they
// are sent, rather than answered 429 there: one pacer per token in the process, its slots handed
// out in the order they were asked for, so two connections of one account take turns (each sends
// one request at a time) and neither starves the other.

export type PacerClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

export const systemPacerClock: PacerClock = { now: () => Date.now(), sleep: abortableSleep };

export type PacingOptions = {
  /** Requests allowed in any window. */
  limit: number;
  windowMs: number;
  clock: PacerClock;
};

/**
 * ShipBob's published limit (developer.shipbob.com/rate-limit), with the window a second longer
 * than ShipBob's: ShipBob counts a request when it arrives, a little after it is sent here.
 */
export const SHIPBOB_PACING: PacingOptions = { limit: 150, windowMs: 61_000, clock: systemPacerClock };

/** A sliding-window allowance: `limit` requests in any `windowMs`, waiters served first come, first served. */
export class SlidingWindowPacer {
  /** When each request of the current window was let through, oldest first. */
  private readonly sent: number[] = [];
  private heldUntil = 0;
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacingOptions) {}

  /** Resolves when a request may be sent now (and counts it). */
  acquire(signal?: AbortSignal): Promise<void> {
    const mine = this.turn.then(() => this.waitForSlot(signal));
    // The next waiter's turn comes after this one's, even if this one was aborted.
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /** No request goes out before `ms` from now (ShipBob answered 429 with x-retry-after). */
  holdFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.options.clock.now() + ms);
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    const { limit, windowMs, clock } = this.options;
    for (;;) {
      const now = clock.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - windowMs) this.sent.shift();
      const full = this.sent.length >= limit ? this.sent[0]! + windowMs - now : 0;
      const wait = Math.max(full, this.heldUntil - now);
      if (wait <= 0) {
        this.sent.push(now);
        return;
      }
      await clock.sleep(wait, signal);
    }
  }
}

/** One pacer per allowance (client.ts allowanceOf); keyed by its hash so the map holds no secret. */
export class TokenPacers {
  private readonly pacers = new Map<string, SlidingWindowPacer>();

  constructor(readonly options: PacingOptions = SHIPBOB_PACING) {}

  for(allowance: string): SlidingWindowPacer {
    const key = createHash("sha256").update(allowance).digest("base64url");
    let pacer = this.pacers.get(key);
    if (!pacer) this.pacers.set(key, (pacer = new SlidingWindowPacer(this.options)));
    return pacer;
  }
}
