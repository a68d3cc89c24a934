import { describe, expect, it } from "vitest";
import { orderInProvider } from "./order-in-provider";

const configured = { appUrl: "https://meridian.test", variables: { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" } };
const store = { provider: "SHOPIFY", externalAccountId: "demo.myshopify.com" };

describe("orderInProvider", () => {
  it("links to the order in its store's admin, labelled with the provider's name", () => {
    expect(orderInProvider(store, { externalId: "5001" }, configured)).toEqual({
      label: "View in Shopify",
      url: "https://demo.myshopify.com/admin/orders/5001",
    });
  });

  it("offers nothing when this server has the provider switched off, the connector has no such page, or the provider is unknown", () => {
    expect(orderInProvider(store, { externalId: "5001" }, { ...configured, variables: {} })).toBeNull();
    expect(orderInProvider({ provider: "SHIPBOB", externalAccountId: "channel-1" }, { externalId: "5001" }, configured)).toBeNull();
    expect(orderInProvider({ provider: "RETIRED", externalAccountId: "x" }, { externalId: "5001" }, configured)).toBeNull();
  });
});
