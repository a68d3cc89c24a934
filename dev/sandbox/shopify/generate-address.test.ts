import { describe, expect, it } from "vitest";
import { generateAddresses } from "./generate-address";

const ORDERS = Array.from({ length: 400 }, (_, index) => index);

describe("generateAddresses", () => {
  it("draws the same addresses for the same seed and order", () => {
    expect(generateAddresses(7, 12, true)).toEqual(generateAddresses(7, 12, true));
  });

  it("gives a shipped order a shipping address and an order shipped nowhere none; the billing one is mostly the same", () => {
    const shipped = ORDERS.map((index) => generateAddresses(7, index, true));
    expect(shipped.every((a) => a.shippingAddress !== null)).toBe(true);
    expect(ORDERS.map((index) => generateAddresses(7, index, false).shippingAddress)).toEqual(ORDERS.map(() => null));

    const same = shipped.filter((a) => JSON.stringify(a.billingAddress) === JSON.stringify(a.shippingAddress)).length;
    expect(same / shipped.length).toBeGreaterThan(0.6);
    expect(shipped.some((a) => a.billingAddress === null)).toBe(true);
  });

  it("writes some addresses in a non-Latin script and leaves parts null, as Shopify does", () => {
    const all = ORDERS.map((index) => generateAddresses(7, index, true).shippingAddress!);
    expect(all.some((a) => /[^\u0000-\u024f]/u.test(`${a.name}${a.address1}${a.city}`))).toBe(true);
    expect(all.some((a) => a.address2 === null && a.province === null && a.phone === null)).toBe(true);
  });
});
