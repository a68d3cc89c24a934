import type { ConnectionContext } from "../_core/connector";
import { MalformedWebhookError, type ConnectorWebhooks, type WebhookChange, type WebhookChanges, type WebhookDeliveryMeta } from "../_core/webhooks";
import type { ShopifyAppConfig } from "./config";
import {
  mapRestCustomer,
  mapRestCustomerRedact,
  mapRestDataRequest,
  mapRestDeletion,
  mapRestInventoryLevel,
  mapRestOrder,
  mapRestProduct,
} from "./rest-mapper";
import { screenShopifyWebhook } from "./webhook-headers";
import { isHandledTopic, parseShopifyWebhook, SHOPIFY_TOPIC_KINDS, type ShopifyWebhook } from "./webhook-topics";
import { verifyShopifyWebhook } from "./webhook-verify";

/**
 * The largest delivery read. Shopify sends a record's whole REST representation, and the big ones
 * are orders: a line item is 1.1 KB in a captured orders/create (with a discount, no tax lines)
 * and nearer 2 KB with its tax lines, where the sandbox's (dev/sandbox/shopify/webhook-payloads.ts,
 * 15 of Shopify's ~30 fields) is 0.5 KB. At the 500 line items most shops allow per order that is
 * 1 MB, and fulfillments and refunds repeat the lines they cover: a fully fulfilled and refunded
 * 500-line order is about 3 MB. A product with 100 variants is ~0.1 MB (a variant ~1 KB), even
 * 2,048 variants ~2 MB. 4 MiB clears all of that and stays under Vercel's 4.5 MB request limit,
 * so the refusal is ours; Shopify retries a refused delivery, so the cap must never cut a real one.
 */
export const MAX_WEBHOOK_BODY_BYTES = 4 * 1024 * 1024;

const DELETED = { "products/delete": "product", "orders/delete": "order", "customers/delete": "customer" } as const;

const changes = (...list: WebhookChange[]): WebhookChanges => ({ changes: list });

/** Shopify's deliveries, as the generic webhook services drive them (see _core/webhooks.ts). */
export const shopifyWebhooks = {
  topics: SHOPIFY_TOPIC_KINDS,
  maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
  screen: screenShopifyWebhook,

  async verify(config: ShopifyAppConfig, rawBody: string, headers: Headers) {
    // The library reads the headers off a request; only they and the raw body are looked at.
    const verified = await verifyShopifyWebhook(config, new Request("https://webhooks.invalid/", { method: "POST", headers }), rawBody);
    if (verified.ok) return null;
    const status = verified.reason === "missing_hmac" || verified.reason === "invalid_hmac" ? 401 : 400;
    return { status, reason: verified.reason, ...(verified.detail ? { detail: verified.detail } : {}) };
  },

  parse(topic: string, rawBody: string): ShopifyWebhook {
    // The intake parses only handled topics; a stored row of another is no delivery of ours.
    if (!isHandledTopic(topic)) throw new MalformedWebhookError(`Meridian does not handle the Shopify topic "${topic}"`);
    return parseShopifyWebhook(topic, rawBody) as ShopifyWebhook;
  },

  // Only the body is signed, not the headers. Where the body names its shop (the compliance
  // topics, app/uninstalled), a signed body replayed under another shop's header is refused:
  // shop/redact deletes all of a shop's data.
  accountNamed(webhook: ShopifyWebhook): string | null {
    switch (webhook.topic) {
      case "customers/data_request":
      case "customers/redact":
      case "shop/redact":
        return webhook.payload.shop_domain.toLowerCase();
      case "app/uninstalled":
        return webhook.payload.myshopify_domain?.toLowerCase() ?? null;
      default:
        return null;
    }
  },

  async toChanges(ctx: ConnectionContext<ShopifyAppConfig>, webhook: ShopifyWebhook, meta: WebhookDeliveryMeta): Promise<WebhookChanges> {
    const { observedAt } = meta;
    switch (webhook.topic) {
      case "orders/create":
      case "orders/updated":
      case "orders/cancelled": {
        // Order webhooks carry only the refunds' transactions: the sale, authorization and capture
        // stay as stored, or the webhook would delete them until the next sync.
        const { order, transactionsComplete } = mapRestOrder(webhook.payload, observedAt);
        return changes({ change: "upsert", kind: "orders", record: order, ...(transactionsComplete ? {} : { keepStored: "otherTransactions" as const }) });
      }
      case "products/create":
      case "products/update": {
        // Variant prices are bare amounts in the shop's currency, which the body does not name: it
        // is the currency of what the sync stored for the shop.
        const currency = await meta.storedCurrency();
        if (!currency) return { ignored: "The shop's currency is not known before its first sync; the sync will bring this product." };
        return changes({ change: "upsert", kind: "products", record: mapRestProduct(webhook.payload, currency, observedAt) });
      }
      case "customers/create":
      case "customers/update": {
        // Current customer webhooks carry no order count or amount spent: those stay as stored.
        const { customer, hasOrderStats } = mapRestCustomer(webhook.payload, observedAt);
        return changes({ change: "upsert", kind: "customers", record: customer, ...(hasOrderStats ? {} : { keepStored: "orderStats" as const }) });
      }
      case "orders/delete":
      case "products/delete":
      case "customers/delete":
        // They carry no time of their own: deleted when received.
        return changes({ change: "delete", deletion: mapRestDeletion(DELETED[webhook.topic], webhook.payload, meta.receivedAt.toISOString()) });
      case "inventory_levels/update":
        return changes({ change: "inventoryAvailable", level: mapRestInventoryLevel(webhook.payload, observedAt) });
      case "app/uninstalled": {
        // Shopify has already revoked the token and removed the subscriptions. An uninstall
        // received before the shop installed the app again is stale.
        const installedAt = typeof ctx.settings.installedAt === "string" ? Date.parse(ctx.settings.installedAt) : NaN;
        if (installedAt > meta.receivedAt.getTime()) return { ignored: "The shop was installed again after this uninstall was received." };
        return changes({ change: "disconnect" });
      }
      case "customers/data_request":
        return changes({ change: "reportCustomerData", request: mapRestDataRequest(webhook.payload) });
      case "customers/redact":
        return changes({ change: "redactCustomer", ...mapRestCustomerRedact(webhook.payload) });
      case "shop/redact":
        // About 48 hours after an uninstall.
        return changes({ change: "redactAccount" });
    }
  },

  personalData: {
    // customers/* bodies are the customer (compliance ones name them under `customer`); orders/*
    // bodies are an order, naming its customer.
    customerIds: [
      { topicPrefix: "customers/", path: ["id"] },
      { topicPrefix: "customers/", path: ["customer", "id"] },
      { topicPrefix: "orders/", path: ["customer", "id"] },
    ],
    orderIds: [{ topicPrefix: "orders/", path: ["id"] }],
    requestFields: [
      ["customer", "email"],
      ["customer", "phone"],
    ],
  },
} satisfies ConnectorWebhooks<ShopifyAppConfig, ShopifyWebhook>;
