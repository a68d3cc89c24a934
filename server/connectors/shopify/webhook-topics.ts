import { z } from "zod";

// The topics Meridian handles, with the smallest payload shape each one's processing relies on
// (zod objects pass unknown keys through untouched; they are stored as delivered). A payload
// that does not fit is refused with 400 before anything is written.

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]);
const timestamp = z.string().min(1);

const order = z.looseObject({ id, admin_graphql_api_id: z.string().optional(), updated_at: timestamp });
const product = z.looseObject({ id, admin_graphql_api_id: z.string().optional(), updated_at: timestamp });
const customer = z.looseObject({ id, admin_graphql_api_id: z.string().optional(), updated_at: timestamp });
const complianceCustomer = z.looseObject({ id, email: z.string().nullish(), phone: z.string().nullish() });
// Delete topics carry the id only (customers/delete adds blanked fields and its gid).
const deleted = z.looseObject({ id });

export const SHOPIFY_WEBHOOK_PAYLOADS = {
  "orders/create": order,
  "orders/updated": order,
  "orders/cancelled": order,
  "orders/delete": deleted,
  "products/create": product,
  "products/update": product,
  "products/delete": deleted,
  "inventory_levels/update": z.looseObject({
    inventory_item_id: id,
    location_id: id,
    available: z.number().int().nullable(),
    updated_at: timestamp,
  }),
  "customers/create": customer,
  "customers/update": customer,
  "customers/delete": deleted,
  "app/uninstalled": z.looseObject({ id, myshopify_domain: z.string().optional() }),
  "customers/data_request": z.looseObject({
    shop_id: id,
    shop_domain: z.string(),
    customer: complianceCustomer,
    orders_requested: z.array(id),
    data_request: z.looseObject({ id }),
  }),
  "customers/redact": z.looseObject({ shop_id: id, shop_domain: z.string(), customer: complianceCustomer, orders_to_redact: z.array(id) }),
  "shop/redact": z.looseObject({ shop_id: id, shop_domain: z.string() }),
} as const;

export type ShopifyWebhookTopic = keyof typeof SHOPIFY_WEBHOOK_PAYLOADS;

export function isHandledTopic(topic: string): topic is ShopifyWebhookTopic {
  return Object.hasOwn(SHOPIFY_WEBHOOK_PAYLOADS, topic);
}

// Compliance topics are configured in the app's settings (Partner Dashboard / shopify.app.toml);
// the Admin API cannot subscribe to them. Everything else is registered on install.
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const satisfies ShopifyWebhookTopic[];

export const REGISTERED_TOPICS = (Object.keys(SHOPIFY_WEBHOOK_PAYLOADS) as ShopifyWebhookTopic[]).filter(
  (topic) => !(COMPLIANCE_TOPICS as readonly string[]).includes(topic),
);

/** `orders/create` → `ORDERS_CREATE`, the GraphQL WebhookSubscriptionTopic value. */
export function topicEnum(topic: ShopifyWebhookTopic): string {
  return topic.replace(/\//g, "_").toUpperCase();
}
