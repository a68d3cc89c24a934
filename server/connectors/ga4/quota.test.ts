import { describe, expect, it } from "vitest";
import { AllowanceExhaustedError, RateLimitedError, TransientError } from "../_core/errors";
import { exhaustedWindow, nextDailyReset, nextHour, PropertyQuotaPacing, refineQuotaError } from "./quota";

// The property quota's windows and pacing: the hour resets on the hour, the day at midnight
// Pacific time (daylight saving included); a 429 naming spent hourly or daily tokens is a pause
// until then, one for concurrent requests stays a retry; the pacing stops asking once the
// remaining tokens, less those of reports still in flight, are down to the reserve.

const at = (iso: string) => Date.parse(iso);
const google429 = (message: string) => new RateLimitedError("Rate limited", { status: 429, responseBody: JSON.stringify({ error: { code: 429, message, status: "RESOURCE_EXHAUSTED" } }) });

describe("GA4 property quota", () => {
  it("resets the hour on the hour and the day at midnight Pacific time, across daylight saving changes", () => {
    expect(nextHour(at("2026-10-15T12:34:56Z"))).toBe(at("2026-10-15T13:00:00Z"));
    expect(nextHour(at("2026-10-15T13:00:00Z"))).toBe(at("2026-10-15T14:00:00Z"));
    // PDT (UTC-7) in October, PST (UTC-8) in December.
    expect(nextDailyReset(at("2026-10-15T12:00:00Z"))).toBe(at("2026-10-16T07:00:00Z"));
    expect(nextDailyReset(at("2026-10-16T06:59:59Z"))).toBe(at("2026-10-16T07:00:00Z"));
    expect(nextDailyReset(at("2026-12-06T09:00:00Z"))).toBe(at("2026-12-07T08:00:00Z"));
    // 1 November 2026: clocks go back at 2:00 PDT; that day's midnight after it is PST's.
    expect(nextDailyReset(at("2026-11-01T12:00:00Z"))).toBe(at("2026-11-02T08:00:00Z"));
    expect(nextDailyReset(at("2026-03-08T12:00:00Z"))).toBe(at("2026-03-09T07:00:00Z"));
  });

  it("reads which quota a 429 names: tokens per hour or day are a pause until the reset, concurrent requests a retry", () => {
    expect(exhaustedWindow("Exhausted property tokensPerHour quota. Consider upgrading to Analytics 360.")).toBe("hour");
    expect(exhaustedWindow("Exhausted property tokens per day quota.")).toBe("day");
    expect(exhaustedWindow("Exhausted property tokens per project per hour.")).toBe("hour");
    expect(exhaustedWindow("Exhausted concurrent requests quota.")).toBeNull();

    const now = at("2026-10-15T12:34:56Z");
    const hourly = refineQuotaError(google429("Exhausted property tokensPerHour quota. Consider upgrading to Analytics 360."), now);
    expect(hourly).toBeInstanceOf(AllowanceExhaustedError);
    expect((hourly as AllowanceExhaustedError).resumeAt).toBe(at("2026-10-15T13:00:00Z"));
    expect((refineQuotaError(google429("Exhausted property tokensPerDay quota."), now) as AllowanceExhaustedError).resumeAt).toBe(at("2026-10-16T07:00:00Z"));
    const concurrent = google429("Exhausted property concurrentRequests quota.");
    expect(refineQuotaError(concurrent, now)).toBe(concurrent);
    const unavailable = new TransientError("Provider error (HTTP 503)", { status: 503 });
    expect(refineQuotaError(unavailable, now)).toBe(unavailable);
  });

  it("asks no more reports once the tokens left, less a token for each report in flight, are down to the reserve", () => {
    const now = at("2026-10-15T12:10:00Z");
    const pacing = new PropertyQuotaPacing(0.1, () => now);
    // Nothing known before the first answer.
    pacing.take();
    pacing.settled({ tokensPerHour: { consumed: 86, remaining: 14 }, tokensPerDay: { consumed: 86, remaining: 10_000 } });
    // 14 left, 10 kept in reserve: four more reports.
    for (let i = 0; i < 4; i++) pacing.take();
    expect(() => pacing.take()).toThrow(AllowanceExhaustedError);
    // An answer counts the three reports still in flight as spent.
    pacing.settled({ tokensPerHour: { consumed: 87, remaining: 13 } });
    expect(() => pacing.take()).toThrow(expect.objectContaining({ resumeAt: at("2026-10-15T13:00:00Z") }));
    // Two fail (what they cost is unknown: still counted); the last is answered in a new hour.
    pacing.settled();
    pacing.settled();
    expect(() => pacing.take()).toThrow(AllowanceExhaustedError);
    pacing.settled({ tokensPerHour: { consumed: 1, remaining: 99 } });
    pacing.take();

    const daily = new PropertyQuotaPacing(0, () => now);
    daily.take();
    daily.settled({ tokensPerDay: { consumed: 200_000, remaining: 0 }, tokensPerHour: { consumed: 5, remaining: 39_995 } });
    expect(() => daily.take()).toThrow(expect.objectContaining({ resumeAt: at("2026-10-16T07:00:00Z") }));
  });
});
