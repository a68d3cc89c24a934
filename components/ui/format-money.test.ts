import { describe, expect, it } from "vitest";
import { formatMoney, formatQuantity } from "./format-money";

describe("formatMoney", () => {
  it("writes the currency as the locale does", () => {
    expect(formatMoney("31.31", "USD", "en-US")).toBe("$31.31");
    expect(formatMoney("31.31", "USD", "en-GB")).toBe("US$31.31");
    expect(formatMoney("19", "EUR", "en-US")).toBe("€19.00");
    expect(formatMoney("19", "EUR", "de-DE")).toBe("19,00\u00a0€");
    expect(formatMoney("-9.99", "GBP", "en-GB")).toBe("-£9.99");
  });

  it("keeps each currency's own decimals", () => {
    expect(formatMoney("1000", "JPY", "en-US")).toBe("¥1,000");
    expect(formatMoney("1000", "JPY", "ja-JP")).toBe("￥1,000");
    expect(formatMoney("12.5", "KWD", "en-US")).toBe("KWD\u00a012.500");
  });

  it("never rounds away digits it was given", () => {
    expect(formatMoney("0.125", "USD", "en-US")).toBe("$0.125");
    expect(formatMoney("1000.4", "JPY", "en-US")).toBe("¥1,000.4");
    expect(formatMoney("1.2345", "KWD", "en-US")).toBe("KWD\u00a01.2345");
  });

  it("keeps every digit of large amounts (no float on the way)", () => {
    expect(formatMoney("12345678901234567.89", "USD", "en-US")).toBe("$12,345,678,901,234,567.89");
    expect(formatMoney("9007199254740993", "JPY", "en-US")).toBe("¥9,007,199,254,740,993");
  });

  it("falls back for missing amounts and unknown currency codes", () => {
    expect(formatMoney(null, "USD", "en-US")).toBe("—");
    expect(formatMoney("5", null, "en-US")).toBe("5");
    expect(formatMoney("5", "NOT-A-CODE", "en-US")).toBe("5 NOT-A-CODE");
  });
});

describe("formatQuantity", () => {
  it("groups thousands the locale's way and shows a dash for unknown", () => {
    expect(formatQuantity(12345, "en-US")).toBe("12,345");
    expect(formatQuantity(12345, "de-DE")).toBe("12.345");
    expect(formatQuantity(-3, "en-US")).toBe("-3");
    expect(formatQuantity(null, "en-US")).toBe("—");
  });
});
