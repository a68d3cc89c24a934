import type { z } from "zod";
import { parseJsonLosslessly } from "../_core/lossless-json";
import { MalformedWebhookError, type WebhookTopicKind } from "../_core/webhooks";
import {
  customerPayload,
  customerRedactPayload,
  dataRequestPayload,
  deletionPayload,
  inventoryLevelPayload,
  orderPayload,
  productPayload,
  shopRedactPayload,
  uninstalledPayload,
} from "./webhook-payloads";

// The topics Meridian handles, each with the one schema its body is judged by (at intake and at
// processing), the name a refusal gives the body, and what its deliveries change.

const topic = <S extends z.ZodType>(schema: S, what: string, kind: WebhookTopicKind) => ({ schema, what, kind });

export const SHOPIFY_WEBHOOK_PAYLOADS = {
  "orders/create": topic(orderPayload, "order", "records"),
  "orders/updated": topic(orderPayload, "order", "records"),
  "orders/cancelled": topic(orderPayload, "order", "records"),
  "orders/delete": topic(deletionPayload, "orders/delete", "deletions"),
  "products/create": topic(productPayload, "product", "records"),
  "products/update": topic(productPayload, "product", "records"),
  "products/delete": topic(deletionPayload, "products/delete", "deletions"),
  "inventory_levels/update": topic(inventoryLevelPayload, "inventory_levels/update", "records"),
  "customers/create": topic(customerPayload, "customer", "records"),
  "customers/update": topic(customerPayload, "customer", "records"),
  "customers/delete": topic(deletionPayload, "customers/delete", "deletions"),
  "app/uninstalled": topic(uninstalledPayload, "app/uninstalled", "account"),
  "customers/data_request": topic(dataRequestPayload, "customers/data_request", "account"),
  "customers/redact": topic(customerRedactPayload, "customers/redact", "account"),
  "shop/redact": topic(shopRedactPayload, "shop/redact", "account"),
} as const;

type Payloads = typeof SHOPIFY_WEBHOOK_PAYLOADS;
export type ShopifyWebhookTopic = keyof Payloads;

/** The body of a delivery of `T`, as that topic's schema reads it. */
export type ShopifyWebhookPayload<T extends ShopifyWebhookTopic> = z.output<Payloads[T]["schema"]>;

/** A parsed delivery: its topic with its body. */
export type ShopifyWebhook = { [T in ShopifyWebhookTopic]: { topic: T; payload: ShopifyWebhookPayload<T> } }[ShopifyWebhookTopic];

const SHOPIFY_WEBHOOK_TOPICS = Object.keys(SHOPIFY_WEBHOOK_PAYLOADS) as ShopifyWebhookTopic[];

/** Each handled topic with what its deliveries change. */
export const SHOPIFY_TOPIC_KINDS = Object.fromEntries(SHOPIFY_WEBHOOK_TOPICS.map((name) => [name, SHOPIFY_WEBHOOK_PAYLOADS[name].kind])) as Record<ShopifyWebhookTopic, WebhookTopicKind>;

export function isHandledTopic(topic: string): topic is ShopifyWebhookTopic {
  return Object.hasOwn(SHOPIFY_WEBHOOK_PAYLOADS, topic);
}

/**
 * The raw body of a delivery of a handled topic, read with that topic's schema. Ids are 64-bit
 * (Shopify's own examples use 18-digit ones): integers past 2^53 are read as their exact digits.
 * Throws MalformedWebhookError naming the first fields at fault (or saying it is not JSON).
 */
export function parseShopifyWebhook<T extends ShopifyWebhookTopic>(name: T, rawBody: string): { topic: T; payload: ShopifyWebhookPayload<T> } {
  const { schema, what } = SHOPIFY_WEBHOOK_PAYLOADS[name];
  let json: unknown;
  try {
    json = parseJsonLosslessly(rawBody);
  } catch {
    throw new MalformedWebhookError(`Malformed Shopify ${what} webhook payload: (body): not JSON`);
  }
  const result = schema.safeParse(json);
  if (result.success) return { topic: name, payload: result.data as ShopifyWebhookPayload<T> };
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
  throw new MalformedWebhookError(`Malformed Shopify ${what} webhook payload: ${issues}`);
}

// Compliance topics are configured in the app's settings (Partner Dashboard / shopify.app.toml);
// the Admin API cannot subscribe to them. Everything else is registered on install.
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const satisfies ShopifyWebhookTopic[];

export const REGISTERED_TOPICS = SHOPIFY_WEBHOOK_TOPICS.filter((name) => !(COMPLIANCE_TOPICS as readonly string[]).includes(name));

/** `orders/create` → `ORDERS_CREATE`, the GraphQL WebhookSubscriptionTopic value. */
export function topicEnum(topic: ShopifyWebhookTopic): string {
  return topic.replace(/\//g, "_").toUpperCase();
}
