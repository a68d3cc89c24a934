import { describe, expect, it } from "vitest";
import { endOfZoneDay, formatClock, formatDate, formatDateTime, formatDay, startOfZoneDay, zoneDay, zonedIso } from "./format";

const NY = { locale: "en-US", timeZone: "America/New_York" };
const TOKYO = { locale: "en-US", timeZone: "Asia/Tokyo" };

describe("formatDateTime", () => {
  const at = new Date("2026-12-02T22:04:05Z");

  it("shows the instant in the given zone with its abbreviation, whatever zone runs the code", () => {
    expect(formatDateTime(at, NY)).toBe("Dec 2, 2026, 5:04 PM EST");
    expect(formatDateTime(at, TOKYO)).toBe("Dec 3, 2026, 7:04 AM GMT+9");
    expect(formatDateTime(at, { locale: "en-GB", timeZone: "Europe/Berlin" })).toBe("2 Dec 2026, 23:04 CET");
  });

  it("names summer time on the other side of a DST change", () => {
    // 2026-03-08 02:00 EST → 03:00 EDT in New York.
    expect(formatDateTime(new Date("2026-03-08T06:59:00Z"), NY)).toBe("Mar 8, 2026, 1:59 AM EST");
    expect(formatDateTime(new Date("2026-03-08T07:00:00Z"), NY)).toBe("Mar 8, 2026, 3:00 AM EDT");
  });

  it("handles half-hour zones", () => {
    expect(formatDateTime(at, { locale: "en-GB", timeZone: "Asia/Kolkata" })).toBe("3 Dec 2026, 03:34 GMT+5:30");
  });
});

describe("formatDate and zoneDay", () => {
  it("give the day the instant falls on in the zone", () => {
    const lateEvening = new Date("2026-12-03T02:30:00Z");
    expect(formatDate(lateEvening, NY)).toBe("Dec 2, 2026");
    expect(formatDate(lateEvening, TOKYO)).toBe("Dec 3, 2026");
    expect(zoneDay(lateEvening, "America/New_York")).toBe("2026-12-02");
    expect(zoneDay(new Date("2026-12-02T18:45:00Z"), "Asia/Kathmandu")).toBe("2026-12-03");
  });
});

describe("formatClock", () => {
  it("leaves the day out only when it is the same day in the zone", () => {
    const now = new Date("2026-12-02T23:00:00Z"); // Dec 2 in New York, Dec 3 in Tokyo
    const soon = new Date("2026-12-03T04:30:00Z"); // Dec 2 23:30 in New York, Dec 3 13:30 in Tokyo
    expect(formatClock(soon, now, NY)).toBe("11:30 PM EST");
    expect(formatClock(soon, now, TOKYO)).toBe("1:30 PM GMT+9");
    expect(formatClock(new Date("2026-12-03T06:00:00Z"), now, NY)).toBe("Dec 3, 1:00 AM EST");
  });
});

describe("formatDay", () => {
  it("formats a calendar day in the locale, never shifted by a zone", () => {
    expect(formatDay("2026-01-05", "en-US")).toBe("Jan 5, 2026");
    expect(formatDay("2026-01-05", "en-GB")).toBe("5 Jan 2026");
    expect(formatDay("2026-01-05", "en-US", { year: false })).toBe("Jan 5");
  });
});

describe("zonedIso", () => {
  it("gives the wall-clock time with the zone's offset", () => {
    expect(zonedIso(new Date("2026-12-02T22:04:05.120Z"), "America/New_York")).toBe("2026-12-02T17:04:05.120-05:00");
    expect(zonedIso(new Date("2026-07-02T22:04:05Z"), "America/New_York")).toBe("2026-07-02T18:04:05.000-04:00");
    expect(zonedIso(new Date("2026-12-02T22:04:05Z"), "Asia/Kolkata")).toBe("2026-12-03T03:34:05.000+05:30");
    expect(zonedIso(new Date("2026-12-02T22:04:05Z"), "UTC")).toBe("2026-12-02T22:04:05.000+00:00");
  });
});

describe("startOfZoneDay / endOfZoneDay", () => {
  it("bound a day in the zone, not in the zone running the code", () => {
    expect(startOfZoneDay("2026-12-02", "America/New_York")?.toISOString()).toBe("2026-12-02T05:00:00.000Z");
    expect(endOfZoneDay("2026-12-02", "America/New_York")?.toISOString()).toBe("2026-12-03T04:59:59.999Z");
    expect(startOfZoneDay("2026-12-02", "Asia/Tokyo")?.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(startOfZoneDay("2026-12-02", "Asia/Kolkata")?.toISOString()).toBe("2026-12-01T18:30:00.000Z");
    expect(startOfZoneDay("2026-12-02", "UTC")?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });

  it("give a DST day its 23 or 25 hours", () => {
    const hours = (day: string) => (endOfZoneDay(day, "America/New_York")!.getTime() + 1 - startOfZoneDay(day, "America/New_York")!.getTime()) / 3_600_000;
    expect(hours("2026-03-08")).toBe(23);
    expect(hours("2026-11-01")).toBe(25);
  });

  it("start a day whose midnight a DST jump skips at its first instant", () => {
    // Santiago moves 00:00 → 01:00 on 2026-09-06: the day starts at 01:00 -03:00.
    expect(startOfZoneDay("2026-09-06", "America/Santiago")?.toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(endOfZoneDay("2026-09-05", "America/Santiago")?.toISOString()).toBe("2026-09-06T03:59:59.999Z");
  });

  it("refuse what is not a day", () => {
    expect(startOfZoneDay("2030-02-31", "UTC")).toBeUndefined();
    expect(startOfZoneDay("2030-2-3", "UTC")).toBeUndefined();
    expect(endOfZoneDay("", "UTC")).toBeUndefined();
  });
});
