// Every provider Meridian has a connector for: one entry per folder under server/connectors/, added
// with its connector (registry.ts does not compile without one). Connection.provider and
// WebhookEvent.provider are text holding one of these; edges check strings with z.enum(PROVIDERS).
// A pure module: forms share it through server/services/connections/schema.ts.
export const PROVIDERS = ["SHOPIFY", "SHIPBOB", "FREEAGENT", "GA4"] as const;

export type Provider = (typeof PROVIDERS)[number];
