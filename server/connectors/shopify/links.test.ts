import { describe, expect, it } from "vitest";
import { shopifyLinks } from "./links";

describe("shopifyLinks", () => {
  it("opens an order in its shop's admin by its legacy id", () => {
    expect(shopifyLinks.order({ shopOriginTemplate: "https://{shop}" }, { externalAccountId: "demo.myshopify.com" }, { externalId: "5001" })).toBe(
      "https://demo.myshopify.com/admin/orders/5001",
    );
  });

  it("follows the configured shop origin (the local sandbox)", () => {
    expect(
      shopifyLinks.order({ shopOriginTemplate: "http://localhost:8289/shops/{shop}" }, { externalAccountId: "demo.myshopify.com" }, { externalId: "5001" }),
    ).toBe("http://localhost:8289/shops/demo.myshopify.com/admin/orders/5001");
  });
});
