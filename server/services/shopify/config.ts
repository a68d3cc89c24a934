import "server-only";
import { shopifyAppConfig, shopOrigin, type ShopifyAppConfig } from "@/server/env";
import { ShopifyInstallError } from "./install-errors";

/** The Shopify app configuration, or `not_configured` when Shopify is off. */
export function requireShopifyConfig(config: ShopifyAppConfig | null = shopifyAppConfig()): ShopifyAppConfig {
  if (!config) throw new ShopifyInstallError("not_configured");
  return config;
}

export function shopOriginFor(config: ShopifyAppConfig, shop: string): string {
  return shopOrigin(shop, config.shopOriginTemplate);
}

export function callbackUrl(config: ShopifyAppConfig): string {
  return `${config.appUrl}/api/shopify/callback`;
}

export function webhookUrl(config: ShopifyAppConfig): string {
  return `${config.appUrl}/api/webhooks/shopify`;
}
