import { describe, expect, it } from "vitest";
import { shopifyAuth } from "./auth";

// The shop a person types on the Connections form (its account field), as the install sees it.
const { normalize, invalid } = shopifyAuth.oauth.account;

describe("Shopify's account field: the store address a person types", () => {
  it.each([
    ["acme.myshopify.com", "acme.myshopify.com"],
    ["  Acme-Store.MyShopify.com ", "acme-store.myshopify.com"],
    ["acme", "acme.myshopify.com"],
    ["https://acme.myshopify.com/admin/orders?x=1", "acme.myshopify.com"],
  ])("accepts %j as %j", (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it.each(["", "acme.com", "shop.acme.myshopify.com", "-acme.myshopify.com", "acme.myshopify.com.evil.test", "acme myshopify.com", "javascript:alert(1)"])(
    "refuses %j",
    (input) => {
      expect(normalize(input)).toBeNull();
    },
  );

  it("gives the form a field message for a bad address", () => {
    expect(normalize("www.acme.com")).toBeNull();
    expect(invalid).toContain("myshopify.com");
  });
});
