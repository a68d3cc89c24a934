import { AllowanceExhaustedError, type RateLimitedError } from "../_core/errors";
import { abortableSleep } from "../_core/http";
import type { RequestAllowance, RequestWindowLimit } from "../_core/request-allowance";

// FreeAgent's requests drawn from the authorising user's allowance (ctx.allowance, counted in
// shared storage): a room is taken before every request, retries included. When the windows are
// full, a wait that ends before the caller's deadline is waited out here; a longer one (the hour's
// window after a large first sync's 3,600 requests) ends the batch with AllowanceExhaustedError,
// and the engine sleeps until the windows reset.

export type AllowancePacing = {
  allowance: RequestAllowance;
  /** Whose allowance (FreeAgent counts per authorised user). */
  key: string;
  windows: readonly RequestWindowLimit[];
  /** Epoch ms after which no wait should end (a sync batch's deadline). */
  deadline: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Takes one request's room, waiting for it while the wait ends before the deadline. */
export async function takeRoom(pacing: AllowancePacing, signal?: AbortSignal): Promise<void> {
  const now = pacing.now ?? Date.now;
  for (;;) {
    const took = await pacing.allowance.take(pacing.key, pacing.windows);
    if (took.granted) return;
    if (took.retryAt > pacing.deadline) {
      throw new AllowanceExhaustedError(`FreeAgent's request allowance is spent until ${new Date(took.retryAt).toISOString()}`, took.retryAt);
    }
    await (pacing.sleep ?? abortableSleep)(Math.max(0, took.retryAt - now()), signal);
  }
}

/**
 * The window a 429 names, by FreeAgent's message ("You must not exceed 120 requests per 60
 * seconds", "... 3600 requests per hour"): another client of the same user spent it. The longest
 * window when the message names none.
 */
export function windowRefused(error: RateLimitedError, windows: readonly RequestWindowLimit[]): RequestWindowLimit {
  const body = error.responseBody ?? "";
  const named = /per hour/i.test(body) ? 3600 : Number(/per (\d+) seconds/i.exec(body)?.[1] ?? NaN);
  return windows.find((w) => w.seconds === named) ?? [...windows].sort((a, b) => b.seconds - a.seconds)[0]!;
}

