import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./accept-language";

describe("localeFromAcceptLanguage", () => {
  it("takes the browser's preferred locale", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en-GB");
    expect(localeFromAcceptLanguage("de-DE")).toBe("de-DE");
    expect(localeFromAcceptLanguage("ja")).toBe("ja");
  });

  it("orders by q, then by position", () => {
    expect(localeFromAcceptLanguage("fr;q=0.5, en-US;q=0.8, de;q=0.8")).toBe("en-US");
    expect(localeFromAcceptLanguage("fr;q=0, de-AT")).toBe("de-AT");
  });

  it("canonicalizes the tag", () => {
    expect(localeFromAcceptLanguage("EN-gb")).toBe("en-GB");
  });

  it("skips wildcards and malformed ranges, falling back to en-US", () => {
    expect(localeFromAcceptLanguage("*, not a tag!, de;q=0.5")).toBe("de");
    expect(localeFromAcceptLanguage("*")).toBe("en-US");
    expect(localeFromAcceptLanguage("")).toBe("en-US");
    expect(localeFromAcceptLanguage(null)).toBe("en-US");
    expect(localeFromAcceptLanguage("x-klingon-nope")).toBe("en-US");
  });
});
