import type { ConnectorEnv } from "../_core/connector";

// The Shopify app's configuration on this server. server/env.ts validates the SHOPIFY_* variables
// (and gives SHOPIFY_SCOPES and SHOPIFY_SHOP_ORIGIN their defaults); this reads them.

export type ShopifyAppConfig = {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
  /**
   * SHOPIFY_APP_URL, else the app URL, without a trailing slash: the base of the OAuth callback
   * and of the webhook address Shopify is given.
   */
  appUrl: string;
  /** SHOPIFY_SHOP_ORIGIN: `{shop}` stands for the shop domain. */
  shopOriginTemplate: string;
};

/** The Shopify app's configuration, or null when SHOPIFY_API_KEY/SECRET are unset (Shopify is off). */
export function shopifyAppConfig({ appUrl, variables }: ConnectorEnv): ShopifyAppConfig | null {
  const { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret } = variables;
  if (!apiKey || !apiSecret) return null;
  return {
    apiKey,
    apiSecret,
    scopes: (variables.SHOPIFY_SCOPES ?? "").split(",").map((s) => s.trim()).filter((s) => s !== ""),
    appUrl: (variables.SHOPIFY_APP_URL ?? appUrl).replace(/\/$/, ""),
    shopOriginTemplate: variables.SHOPIFY_SHOP_ORIGIN ?? "https://{shop}",
  };
}

/** Every URL of a shop is `shopOrigin(config, shop) + path` (https://{shop} in production, the sandbox locally). */
export function shopOrigin(config: Pick<ShopifyAppConfig, "shopOriginTemplate">, shop: string): string {
  return config.shopOriginTemplate.replace("{shop}", shop);
}

/**
 * The CSP form-action source for the shops the connect form's redirect lands on: `https://{shop}`
 * stands for every shop, `https://*.myshopify.com`; a template with a fixed host (the sandbox's
 * `http://localhost:8289/shops/{shop}`) is that host's origin.
 */
export function shopFormActionSource(config: Pick<ShopifyAppConfig, "shopOriginTemplate">): string | null {
  const sample = "shop.myshopify.com";
  try {
    return new URL(shopOrigin(config, sample)).origin.replace(sample, "*.myshopify.com");
  } catch {
    return null;
  }
}
