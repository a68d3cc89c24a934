import { randomUUID } from "node:crypto";
import type { Delivery } from "../_kit/webhooks";
import { gid, iso } from "./gid";
import { webhookHmac } from "./hmac";
import { ADMIN_API_VERSION } from "./schema";
import type { SandboxShop } from "./shop";
import { customerPayload, deletedCustomerPayload, inventoryLevelPayload, orderPayload, productPayload, type Payload } from "./webhook-payloads";

export const WEBHOOK_TOPICS = [
  "orders/create",
  "orders/updated",
  "orders/cancelled",
  "orders/delete",
  "products/create",
  "products/update",
  "products/delete",
  "inventory_levels/update",
  "customers/create",
  "customers/update",
  "customers/delete",
  "app/uninstalled",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
  "bulk_operations/finish",
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** Topics configured in the app's TOML (not through the API): always sent to the app's webhook target. */
export const APP_CONFIG_TOPICS: ReadonlySet<WebhookTopic> = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

export interface WebhookOptions {
  /** The record: order id for orders/*, product id for products/*, customer id for customers/* (incl. compliance), bulk operation id. */
  id?: number;
  /** inventory_levels/update: which level. Default: the first level of the first variant. */
  inventoryItemId?: number;
  locationId?: number;
  /** Send this body instead of the one built from the store. */
  payload?: Payload;
  /** Deliver here instead of the subscriptions / webhook target. */
  url?: string;
  /** Share an event id with another delivery (two subscriptions, one action). Default: a new one. */
  eventId?: string;
  /** X-Shopify-Triggered-At (epoch ms). Default: the sandbox clock. */
  triggeredAt?: number;
}

/** One attempt (`attempt` 0 for the first, then the retry's number 1…8, see webhook-retries.ts). */
export interface WebhookDelivery extends Delivery {
  topic: WebhookTopic;
  webhookId: string;
  eventId: string;
}

export function buildPayload(shop: SandboxShop, topic: WebhookTopic, opts: WebhookOptions): Payload {
  const { store } = shop;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`Webhook ${topic}: no ${what} ${opts.id ?? ""} in shop ${shop.domain}`);
    return value;
  };
  switch (topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled":
      return orderPayload(need(opts.id === undefined ? undefined : store.orders.get(opts.id), "order"), store);
    case "products/create":
    case "products/update":
      return productPayload(need(opts.id === undefined ? undefined : store.products.get(opts.id), "product"), store);
    case "orders/delete":
    case "products/delete":
      return { id: need(opts.id, "id") };
    case "customers/delete":
      return deletedCustomerPayload(need(opts.id, "customer id"));
    case "customers/create":
    case "customers/update":
      return customerPayload(need(opts.id === undefined ? undefined : store.customers.get(opts.id), "customer"), shop.currency);
    case "inventory_levels/update": {
      const itemId = opts.inventoryItemId ?? store.variants()[0]!.inventoryItemId;
      const level = store.inventoryLevel(itemId, opts.locationId ?? store.locations[0]!.id);
      return inventoryLevelPayload(need(level, "inventory level"));
    }
    case "app/uninstalled":
      return shop.restShop();
    case "bulk_operations/finish": {
      const op = need(opts.id === undefined ? undefined : shop.bulk.get(opts.id), "bulk operation");
      return {
        admin_graphql_api_id: gid("BulkOperation", op.id),
        completed_at: iso(op.completedAt),
        created_at: iso(op.createdAt),
        error_code: op.errorCode?.toLowerCase() ?? null,
        status: op.status.toLowerCase(),
        type: "query",
      };
    }
    case "shop/redact":
      return { shop_id: shop.shopId, shop_domain: shop.domain };
    case "customers/data_request":
    case "customers/redact": {
      const customerId = need(opts.id, "customer id");
      const customer = store.customers.get(customerId);
      const orders = store.orders.summaries().filter((o) => o.customerId === customerId).map((o) => o.id);
      const base = {
        shop_id: shop.shopId,
        shop_domain: shop.domain,
        customer: { id: customerId, email: customer?.email ?? null, phone: customer?.phone ?? null },
      };
      return topic === "customers/redact"
        ? { ...base, orders_to_redact: orders }
        : { ...base, orders_requested: orders, data_request: { id: Math.floor(shop.clock.now() / 1000) } };
    }
  }
}

export function signedDelivery(shop: SandboxShop, topic: WebhookTopic, url: string, body: string, eventId: string, triggeredAt: number): WebhookDelivery {
  const webhookId = randomUUID();
  return {
    topic,
    url,
    webhookId,
    eventId,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": webhookHmac(body, shop.app.apiSecret),
      "X-Shopify-Shop-Domain": shop.domain,
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": new Date(triggeredAt).toISOString(),
    },
    status: null,
    attempt: 0,
  };
}

export function newEventId(): string {
  return randomUUID();
}
