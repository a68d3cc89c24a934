import type { Provider } from "@/server/generated/prisma/enums";

// How each provider is named in emails. `satisfies` makes a new provider a compile error here.
export const PROVIDER_LABEL = {
  SHOPIFY: "Shopify",
  SHIPBOB: "ShipBob",
  FREEAGENT: "FreeAgent",
  WOOCOMMERCE: "WooCommerce",
  AMAZON: "Amazon",
  GA4: "Google Analytics 4",
} as const satisfies Record<Provider, string>;
