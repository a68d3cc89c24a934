import "server-only";
import type { DeletionRecord } from "@/server/connectors/_core/records";
import { mapRestDeletion } from "@/server/connectors/shopify/rest-mapper";
import { applyDeletions, type IngestCounts, type IngestScope } from "@/server/ingest";
import type { ShopifyWebhookTopic } from "@/server/services/shopify/webhook-topics";

const DELETED = {
  "products/delete": "product",
  "orders/delete": "order",
  "customers/delete": "customer",
} as const satisfies Partial<Record<ShopifyWebhookTopic, DeletionRecord["resource"]>>;

type DeletionTopic = keyof typeof DELETED;

export function isDeletionTopic(topic: ShopifyWebhookTopic): topic is DeletionTopic {
  return Object.hasOwn(DELETED, topic);
}

/**
 * products/delete, orders/delete, customers/delete: the same soft delete as the sync's deletion
 * events, so a late update or replay of the record cannot bring it back, and the deleted row
 * keeps its children (line items, refunds, transactions; variants) out of sight with it. A
 * delete for a record never stored changes nothing, and nothing remembers it: should the record's
 * create still arrive afterwards (a retried delivery), it is stored as live.
 */
export async function applyDeletionWebhook(scope: IngestScope, topic: DeletionTopic, payload: unknown, receivedAt: Date): Promise<IngestCounts> {
  return applyDeletions(scope, [mapRestDeletion(DELETED[topic], payload, receivedAt.toISOString())]);
}
