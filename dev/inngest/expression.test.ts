import { describe, expect, it } from "vitest";
import { cronMatches, parseCron } from "./cron";
import { parseDuration } from "./duration";
import { evaluate } from "./expression";
import { canonicalJson, signBody, verifySignature } from "./signature";

describe("expression subset", () => {
  const event = { data: { x: "y", n: 3, ok: true, nested: { id: "c1" } } };
  it.each([
    ["event.data.x == 'y'", true],
    ['event.data.x != "y"', false],
    ["event.data.n > 2 && event.data.ok == true", true],
    ["event.data.n >= 4 || !(event.data.ok)", false],
    ["event.data.missing == null", true],
    ["event.data['nested'].id == async.data.nested.id", true],
  ])("%s → %s", (source, expected) => {
    expect(evaluate(source, { event, async: event })).toBe(expected);
  });
  it("rejects what it does not understand", () => {
    expect(() => evaluate("event.data.x.startsWith('y')", { event })).toThrow(/Unexpected|Unsupported/);
  });
});

describe("cron", () => {
  it("matches steps, ranges, names and the either-day rule", () => {
    const cron = parseCron("*/15 9-17 1 * MON");
    expect(cronMatches(cron, new Date("2026-06-01T09:30:00Z"))).toBe(true); // the 1st (a Monday too)
    expect(cronMatches(cron, new Date("2026-06-08T17:45:00Z"))).toBe(true); // a Monday
    expect(cronMatches(cron, new Date("2026-06-09T10:00:00Z"))).toBe(false); // Tuesday the 9th
    expect(cronMatches(cron, new Date("2026-06-08T10:05:00Z"))).toBe(false);
  });
  it("reads TZ= and refuses malformed expressions", () => {
    expect(cronMatches(parseCron("TZ=America/New_York 0 9 * * *"), new Date("2026-01-15T14:00:00Z"))).toBe(true);
    expect(() => parseCron("* * *")).toThrow(/5 fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/Invalid/);
  });
});

describe("durations and signatures", () => {
  it("parses SDK duration strings", () => {
    expect(parseDuration("1d2h3m4s")).toBe(93_784_000);
    expect(parseDuration("soon")).toBeUndefined();
  });
  it("signs canonical JSON the way the SDK verifies it", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    const header = signBody("{}", "signkey-test-abcd", 1_700_000_000);
    expect(header).toMatch(/^t=1700000000&s=[0-9a-f]{64}$/);
    expect(verifySignature(header, "{}", "signkey-prod-abcd")).toBe(true);
    expect(verifySignature(header, "{ }", "signkey-test-abcd")).toBe(false);
  });
});
