import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
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

export interface WebhookDelivery {
  topic: WebhookTopic;
  url: string;
  webhookId: string;
  eventId: string;
  body: string;
  headers: Record<string, string>;
  /** HTTP status the receiver answered, or null when it could not be reached / timed out (5 s). */
  status: number | null;
  error?: string;
  /** 0 for the first attempt, then the retry's number (1…8, see webhook-retries.ts). */
  attempt: number;
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

/** Shopify's limits for an HTTPS delivery: one second to connect, five for the whole answer. */
const CONNECT_TIMEOUT_MS = 1_000;
const TOTAL_TIMEOUT_MS = 5_000;

/** Whether the receiver took the delivery: only a 2xx answer does (a redirect is a failure too). */
export function delivered(delivery: WebhookDelivery): boolean {
  return delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
}

/** POSTs a delivery within Shopify's time limits; records the answer (or why there was none) on it. */
export async function post(delivery: WebhookDelivery, signal?: AbortSignal): Promise<WebhookDelivery> {
  try {
    delivery.status = await send(delivery, signal);
    delete delivery.error;
  } catch (error) {
    delivery.status = null;
    delivery.error = (error as Error).message;
  }
  return delivery;
}

function send(delivery: WebhookDelivery, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(delivery.url);
    const headers = { ...delivery.headers, "Content-Length": String(Buffer.byteLength(delivery.body)) };
    // A connection of its own: a pooled one the receiver closed meanwhile would fail the attempt.
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method: "POST", headers, signal, agent: false });
    const total = setTimeout(() => request.destroy(new Error(`No answer within ${TOTAL_TIMEOUT_MS / 1000} s`)), TOTAL_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(total);
      reject(error);
    };
    request.on("socket", (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(() => request.destroy(new Error(`No connection within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      socket.once("connect", () => clearTimeout(connect)).once("close", () => clearTimeout(connect));
    });
    request.on("response", (response) => {
      response.on("error", fail).on("end", () => {
        clearTimeout(total);
        resolve(response.statusCode!);
      });
      response.resume();
    });
    request.on("error", fail);
    request.end(delivery.body);
  });
}

export function newEventId(): string {
  return randomUUID();
}
