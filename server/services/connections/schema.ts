import { z } from "zod";
import type { Provider } from "@/server/generated/prisma/enums";

export const PROVIDER_NAMES: Record<Provider, string> = {
  SHOPIFY: "Shopify",
  SHIPBOB: "ShipBob",
  FREEAGENT: "FreeAgent",
  WOOCOMMERCE: "WooCommerce",
  AMAZON: "Amazon",
  GA4: "Google Analytics 4",
};

// How often a connection syncs on schedule: 15 min, 1 h, 6 h or 24 h.
export const SYNC_FREQUENCIES_MINUTES = [15, 60, 360, 1440] as const;
export type SyncFrequencyMinutes = (typeof SYNC_FREQUENCIES_MINUTES)[number];

export const syncFrequencyMinutes = z.literal(SYNC_FREQUENCIES_MINUTES, {
  error: `Sync frequency must be one of ${SYNC_FREQUENCIES_MINUTES.join(", ")} minutes`,
});

export const connectionIdInput = z.object({ connectionId: z.string().min(1) });
export type ConnectionIdInput = z.infer<typeof connectionIdInput>;

export const setConnectionPausedInput = connectionIdInput.extend({ paused: z.boolean() });
export type SetConnectionPausedInput = z.infer<typeof setConnectionPausedInput>;

export const setSyncFrequencyInput = connectionIdInput.extend({ syncFrequencyMinutes });
export type SetSyncFrequencyInput = z.infer<typeof setSyncFrequencyInput>;

// A Shopify shop is named by its permanent `<name>.myshopify.com` domain, the only form Shopify
// signs in its install requests. People paste the admin URL or type the bare name, so both are
// accepted and reduced to the domain; anything else (a custom storefront domain) is refused.
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function normalizeShopDomain(input: string): string | null {
  let value = input.trim().toLowerCase();
  value = value.replace(/^https?:\/\//, "").replace(/[/?#].*$/, "");
  if (/^[a-z0-9][a-z0-9-]*$/.test(value)) value = `${value}.myshopify.com`;
  return SHOP_DOMAIN.test(value) ? value : null;
}

export const shopifyShopDomain = z.string().transform((value, ctx) => {
  const domain = normalizeShopDomain(value);
  if (!domain) {
    ctx.addIssue({ code: "custom", message: "Enter your store's myshopify.com address, e.g. acme.myshopify.com" });
    return z.NEVER;
  }
  return domain;
});
