import { describe, expect, it } from "vitest";
import { formatMoney, formatQuantity } from "./format-money";

describe("formatMoney", () => {
  it("formats decimal strings in the record's currency", () => {
    expect(formatMoney("1234.5", "USD")).toBe("US$1,234.50");
    expect(formatMoney("19", "EUR")).toBe("€19.00");
    expect(formatMoney("-9.99", "GBP")).toBe("-£9.99");
    expect(formatMoney("1000", "JPY")).toBe("JP¥1,000");
  });

  it("keeps every digit of large amounts (no float on the way)", () => {
    expect(formatMoney("12345678901234.56", "USD")).toBe("US$12,345,678,901,234.56");
  });

  it("falls back for missing amounts and unknown currency codes", () => {
    expect(formatMoney(null, "USD")).toBe("—");
    expect(formatMoney("5", null)).toBe("5");
    expect(formatMoney("5", "NOT-A-CODE")).toBe("5 NOT-A-CODE");
  });
});

describe("formatQuantity", () => {
  it("groups thousands and shows a dash for unknown", () => {
    expect(formatQuantity(12345)).toBe("12,345");
    expect(formatQuantity(-3)).toBe("-3");
    expect(formatQuantity(null)).toBe("—");
  });
});
