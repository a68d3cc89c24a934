import type { ShopifySandbox } from "./server";
import type { FaultSpec } from "./faults";
import type { WebhookDelivery, WebhookOptions, WebhookTopic } from "./webhooks";
import type { BulkFailure } from "./bulk";
import type { CostLimits } from "./bucket";
import { payoutDeposits } from "./payouts";
import { ledgerOf } from "./payouts-view";

type Body = Record<string, unknown>;
type Control = (sandbox: ShopifySandbox, body: Body) => unknown;

const id = (body: Body) => Number(body.id);
const patch = <T>(body: Body) => (body.patch ?? {}) as T;
const shopOf = (sandbox: ShopifySandbox, body: Body) => sandbox.shop(String(body.shop));

/** Sends the webhook matching a change when the caller asked for it (`notify: true`). */
async function notify<T extends { id: number }>(sandbox: ShopifySandbox, body: Body, topic: WebhookTopic, record: T): Promise<{ record: T; deliveries?: WebhookDelivery[] }> {
  if (!body.notify) return { record };
  return { record, deliveries: await shopOf(sandbox, body).sendWebhook(topic, { id: record.id }) };
}

/** The same for a deletion, which Shopify announces only when something was deleted. */
async function notifyDeletion(sandbox: ShopifySandbox, body: Body, topic: WebhookTopic, deleted: boolean): Promise<{ deleted: boolean; deliveries?: WebhookDelivery[] }> {
  if (!body.notify || !deleted) return { deleted };
  return { deleted, deliveries: await shopOf(sandbox, body).sendWebhook(topic, { id: id(body) }) };
}

/**
 * `POST ${url}/_sandbox/<name>` with a JSON body: the same controls as the TypeScript handle, for
 * the dev UI and browser tests. Every body names its `shop` (except the sandbox-wide ones).
 */
export const CONTROLS: Record<string, Control> = {
  shops: (s) => s.shops().map((shop) => ({ domain: shop.domain, origin: shop.origin, installed: shop.installed, scopes: shop.scopes })),
  snapshot: (s, b) => shopOf(s, b).snapshot(),
  createOrder: (s, b) => notify(s, b, "orders/create", shopOf(s, b).createOrder(patch(b))),
  updateOrder: (s, b) => notify(s, b, "orders/updated", shopOf(s, b).updateOrder(id(b), patch(b))),
  cancelOrder: (s, b) => notify(s, b, "orders/cancelled", shopOf(s, b).cancelOrder(id(b))),
  deleteOrder: (s, b) => notifyDeletion(s, b, "orders/delete", shopOf(s, b).deleteOrder(id(b))),
  createCustomer: (s, b) => notify(s, b, "customers/create", shopOf(s, b).createCustomer(patch(b))),
  updateCustomer: (s, b) => notify(s, b, "customers/update", shopOf(s, b).updateCustomer(id(b), patch(b))),
  deleteCustomer: (s, b) => notifyDeletion(s, b, "customers/delete", shopOf(s, b).deleteCustomer(id(b))),
  createProduct: (s, b) => notify(s, b, "products/create", shopOf(s, b).createProduct(patch(b))),
  updateProduct: (s, b) => notify(s, b, "products/update", shopOf(s, b).updateProduct(id(b), patch(b))),
  deleteProduct: (s, b) => notifyDeletion(s, b, "products/delete", shopOf(s, b).deleteProduct(id(b))),
  addLocation: (s, b) => shopOf(s, b).addLocation(patch(b)),
  setInventory: (s, b) => shopOf(s, b).setInventory(Number(b.inventoryItemId), Number(b.locationId), (b.quantities ?? {}) as Record<string, number>),
  setScopes: (s, b) => {
    shopOf(s, b).setScopes(b.scopes as string[]);
    return { scopes: shopOf(s, b).scopes };
  },
  install: (s, b) => shopOf(s, b).install(b.scopes as string[]),
  revokeTokens: (s, b) => {
    shopOf(s, b).revokeTokens();
    return { revoked: true };
  },
  expireAccessTokens: (s, b) => {
    shopOf(s, b).tokens.expireAccessTokens();
    return { expired: true };
  },
  uninstall: (s, b) => shopOf(s, b).uninstall(),
  setCostLimits: (s, b) => {
    shopOf(s, b).bucket.setLimits(b as CostLimits);
    return shopOf(s, b).bucket.status();
  },
  setAvailableCost: (s, b) => {
    shopOf(s, b).bucket.setAvailable(Number(b.points));
    return shopOf(s, b).bucket.status();
  },
  injectFault: (s, b) => {
    s.injectFault(b as unknown as FaultSpec);
    return { pending: s.faults.pending() };
  },
  clearFaults: (s) => {
    s.faults.clear();
    return { pending: 0 };
  },
  failNextBulkOperation: (s, b) => {
    shopOf(s, b).bulk.failNext(b as BulkFailure);
    return { queued: true };
  },
  bulkOperations: (s, b) => shopOf(s, b).bulk.list(),
  sendWebhook: (s, b) => shopOf(s, b).sendWebhook(b.topic as WebhookTopic, b as WebhookOptions),
  /** Re-sends a recorded delivery by its X-Shopify-Webhook-Id (a duplicate). */
  redeliver: (s, b) => {
    const shop = shopOf(s, b);
    const delivery = shop.deliveries.find((d) => d.webhookId === b.webhookId);
    if (!delivery) throw new Error(`No delivery ${String(b.webhookId)} on ${shop.domain}`);
    return shop.redeliver(delivery);
  },
  /** Every attempt, retries included (`attempt` 1…8). */
  deliveries: (s, b) => shopOf(s, b).deliveries,
  /** Failed deliveries waiting for their next retry. */
  webhookRetries: (s, b) => shopOf(s, b).webhookRetries.list(),
  subscriptions: (s, b) => shopOf(s, b).subscriptions.list(),
  /** The shop's payouts as deposits (`{ id, date, amount, status }`), what the sandbox FreeAgent takes. */
  payouts: (s, b) => payoutDeposits(ledgerOf(shopOf(s, b).store), shopOf(s, b).clock.now()),
  installRequest: (s, b) => ({ url: s.installRequest(String(b.appUrl), String(b.shop)) }),
};
