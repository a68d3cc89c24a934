import "server-only";
import { mapRestCustomerRedact } from "@/server/connectors/shopify/rest-mapper";
import { db } from "@/server/db";
import { deleteShopData, redactCustomer, type IngestScope, type ShopDataDeleted } from "@/server/ingest";
import { recordAudit } from "@/server/services/audit/record-audit";

const system = { actorId: null, ip: null, userAgent: null } as const;

/**
 * customers/redact: the customer's personal fields erased from their customer row and orders
 * (those Shopify listed and any other stored under them), and from the webhook deliveries stored
 * about them, which hold the same data in their payloads. The audit keeps ids only.
 */
export async function redactShopifyCustomer(
  scope: IngestScope,
  shop: string,
  webhookEventId: string,
  payload: unknown,
): Promise<{ customers: number; orders: number; webhookPayloads: number }> {
  const { customerExternalId, orderExternalIds } = mapRestCustomerRedact(payload);
  const redacted = await redactCustomer(scope, customerExternalId, orderExternalIds);
  // Deliveries whose body is the customer (customers/*, or a compliance topic about them) or one
  // of their orders (orders/*, by the order id or the order's customer). This delivery keeps its
  // ids, for the record of what was redacted, without the email and phone.
  const webhookPayloads = await db.$executeRaw`
    UPDATE "WebhookEvent" SET "payload" = CASE
        WHEN "id" = ${webhookEventId} THEN jsonb_set("payload", '{customer}', ("payload"->'customer') - 'email' - 'phone')
        ELSE jsonb_build_object('redacted', true) END
    WHERE "workspaceId" = ${scope.workspaceId} AND "connectionId" = ${scope.connectionId} AND (
      "id" = ${webhookEventId}
      OR ("topic" LIKE 'customers/%' AND ("payload"->>'id' = ${customerExternalId} OR "payload"->'customer'->>'id' = ${customerExternalId}))
      OR ("topic" LIKE 'orders/%' AND ("payload"->'customer'->>'id' = ${customerExternalId} OR "payload"->>'id' = ANY(${orderExternalIds}::text[]))))`;
  await recordAudit(db, {
    ...system,
    workspaceId: scope.workspaceId,
    action: "shopify.customer_redacted",
    targetType: "Connection",
    targetId: scope.connectionId,
    metadata: { shop, customerId: customerExternalId, orderIds: orderExternalIds, ...redacted, webhookPayloads },
  });
  return { ...redacted, webhookPayloads };
}

/**
 * shop/redact (about 48 hours after an uninstall): every row of the shop's data is deleted,
 * with the stored webhook deliveries other than this one (their bodies are that data). The
 * connection row stays, disconnected, so its history (jobs, audit) keeps its name.
 */
export async function redactShopifyShop(
  scope: IngestScope,
  shop: string,
  webhookEventId: string,
): Promise<ShopDataDeleted & { webhookEvents: number }> {
  const deleted = await deleteShopData(scope);
  const { count: webhookEvents } = await db.webhookEvent.deleteMany({
    where: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, id: { not: webhookEventId } },
  });
  await recordAudit(db, {
    ...system,
    workspaceId: scope.workspaceId,
    action: "shopify.shop_redacted",
    targetType: "Connection",
    targetId: scope.connectionId,
    metadata: { shop, ...deleted, webhookEvents },
  });
  return { ...deleted, webhookEvents };
}
