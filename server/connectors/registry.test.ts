import { describe, expect, expectTypeOf, it } from "vitest";
import type { Connector } from "./_core/connector";
import { PROVIDERS, type Provider } from "./providers";
import { connectors, providerFromSlug, providerName } from "./registry";
import { shopifyConnector } from "./shopify";

describe("the connector registry", () => {
  it("has exactly one connector per provider, each under its own id", () => {
    expectTypeOf<keyof typeof connectors>().toEqualTypeOf<Provider>();
    expect(Object.keys(connectors).sort()).toEqual([...PROVIDERS].sort());
    for (const provider of PROVIDERS) expect(connectors[provider].provider).toBe(provider);
  });

  it("does not compile with a provider that has no connector, or a connector missing its contract", () => {
    // A provider added to PROVIDERS without its connector: the registry's `satisfies` refuses it.
    // @ts-expect-error LEDGERLY has no connector
    const missing = { SHOPIFY: shopifyConnector } satisfies Record<Provider | "LEDGERLY", Connector>;
    // A connector without `auth` (or `info`, or `config`) is not a Connector.
    const { auth: _auth, ...withoutAuth } = shopifyConnector;
    // @ts-expect-error auth is missing
    const incomplete = { SHOPIFY: withoutAuth } satisfies Record<Provider, Connector>;
    // Nor is one that cannot sync: the sync engine finds every provider's streams here.
    const { sync: _sync, ...withoutSync } = shopifyConnector;
    // @ts-expect-error sync is missing
    const unsyncable = { SHOPIFY: withoutSync } satisfies Record<Provider, Connector>;
    expect([missing, incomplete, unsyncable]).toHaveLength(3);
  });

  it("reads providers from URL segments and stored strings", () => {
    expect(providerFromSlug("shopify")).toBe("SHOPIFY");
    expect(providerFromSlug("SHOPIFY")).toBeNull();
    expect(providerFromSlug("shipbob")).toBe("SHIPBOB");
    expect(providerFromSlug("ledgerly")).toBeNull();
    expect(providerName("SHOPIFY")).toBe("Shopify");
    // A stored provider without a connector is shown as stored.
    expect(providerName("LEDGERLY")).toBe("LEDGERLY");
  });
});
