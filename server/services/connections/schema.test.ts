import { describe, expect, it } from "vitest";
import { normalizeShopDomain, shopifyShopDomain } from "./schema";

describe("normalizeShopDomain", () => {
  it.each([
    ["acme.myshopify.com", "acme.myshopify.com"],
    ["  Acme-Store.MyShopify.com ", "acme-store.myshopify.com"],
    ["acme", "acme.myshopify.com"],
    ["https://acme.myshopify.com/admin/orders?x=1", "acme.myshopify.com"],
  ])("accepts %j as %j", (input, expected) => {
    expect(normalizeShopDomain(input)).toBe(expected);
  });

  it.each(["", "acme.com", "shop.acme.myshopify.com", "-acme.myshopify.com", "acme.myshopify.com.evil.test", "acme myshopify.com", "javascript:alert(1)"])(
    "refuses %j",
    (input) => {
      expect(normalizeShopDomain(input)).toBeNull();
    },
  );

  it("gives the form a field message for a bad address", () => {
    const result = shopifyShopDomain.safeParse("www.acme.com");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("myshopify.com");
  });
});
