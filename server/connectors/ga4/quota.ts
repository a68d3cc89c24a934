import { AllowanceExhaustedError, RateLimitedError, type ConnectorError } from "../_core/errors";
import type { PropertyQuota } from "./report";

// GA4's property quotas (https://developers.google.com/analytics/devguides/reporting/data/v1/quotas):
// tokens per hour and per day, shared by everyone reading the property (its people's dashboards
// too), and concurrent requests. Google counts them, and tells the remaining budget with each
// report asked with returnPropertyQuota, so the pacing reads it from there rather than counting:
// once the hour's or the day's tokens are down to the reserve left for the property's other
// users, the batch ends with AllowanceExhaustedError until the window resets, and the sync sleeps.
// A 429 RESOURCE_EXHAUSTED says which quota ran out: an hourly or daily one is the same pause,
// while concurrent requests free up within seconds, so that one is retried with backoff.

const HOUR_MS = 3_600_000;
/** Google resets the daily quotas at midnight Pacific time. */
const DAILY_RESET_ZONE = "America/Los_Angeles";

export type QuotaWindow = "hour" | "day";

/** When the hourly window after `now` begins: the next top of the hour. */
export function nextHour(now: number): number {
  return (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
}

/** The next midnight in Google's daily reset zone after `now`. */
export function nextDailyReset(now: number): number {
  const wall = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: DAILY_RESET_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant);
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  };
  const offset = wall(now) - now;
  const local = new Date(wall(now));
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - offset;
  // Across a daylight-saving change the offset at midnight differs from now's by an hour.
  return midnight + (offset - (wall(midnight) - midnight));
}

export const resetOf = (window: QuotaWindow, now: number) => (window === "hour" ? nextHour(now) : nextDailyReset(now));

/** The window a 429's message names: tokens per (project per) hour or per day; null for concurrent requests and the unnamed. */
export function exhaustedWindow(message: string): QuotaWindow | null {
  if (/tokens ?per ?day/i.test(message)) return "day";
  if (/tokens ?per ?(project ?per ?)?hour/i.test(message)) return "hour";
  return null;
}

/**
 * A failed attempt as the HTTP client should treat it: a 429 for spent hourly or daily tokens is
 * a pause until the window resets (AllowanceExhaustedError, not retried); any other failure stays
 * as it is (a 429 for concurrent requests is retried with backoff).
 */
export function refineQuotaError(error: ConnectorError, now: number): ConnectorError {
  if (!(error instanceof RateLimitedError)) return error;
  const window = exhaustedWindow(googleMessage(error.responseBody) ?? "");
  if (!window) return error;
  return new AllowanceExhaustedError(`GA4's property quota of tokens per ${window} is spent: ${googleMessage(error.responseBody)}`, resetOf(window, now));
}

/** The message of Google's JSON error (google.rpc.Status in REST form), or null. */
export function googleMessage(body: string | undefined): string | null {
  try {
    const message = (JSON.parse(body ?? "") as { error?: { message?: unknown } }).error?.message;
    return typeof message === "string" ? message : null;
  } catch {
    return null;
  }
}

/**
 * Pacing on the budget the last report said was left, less a token for each report asked and not
 * yet answered (a report costs at least one). `reserve` is the share of each hourly and daily
 * budget left to the property's other users (0–1).
 */
export class PropertyQuotaPacing {
  private readonly room: Partial<Record<QuotaWindow, { remaining: number; budget: number }>> = {};
  private asked = 0;

  constructor(
    private readonly reserve: number,
    private readonly now: () => number,
  ) {}

  /** Counts a report about to be asked; throws AllowanceExhaustedError instead once the hour's or the day's tokens are down to the reserve. */
  take(): void {
    for (const window of ["day", "hour"] as const) {
      const room = this.room[window];
      if (room && room.remaining <= Math.floor(room.budget * this.reserve)) {
        throw new AllowanceExhaustedError(`GA4's property tokens per ${window} are down to ${room.remaining} of ${room.budget}`, resetOf(window, this.now()));
      }
    }
    for (const room of Object.values(this.room)) room.remaining--;
    this.asked++;
  }

  /** A report counted by take() was answered, with the property's quota as it said (or failed: none). */
  settled(quota?: PropertyQuota): void {
    this.asked--;
    for (const [window, status] of [["day", quota?.tokensPerDay], ["hour", quota?.tokensPerHour]] as const) {
      if (status?.remaining !== undefined) this.room[window] = { remaining: status.remaining - this.asked, budget: status.remaining + (status.consumed ?? 0) };
    }
  }
}
