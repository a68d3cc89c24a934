import "server-only";
import { mapRestCustomer } from "@/server/connectors/shopify/rest-mapper";
import { db } from "@/server/db";
import { ingestCustomers, type IngestCounts, type IngestScope } from "@/server/ingest";

/**
 * customers/create, customers/update. Current customer webhooks carry no order count or amount
 * spent; those stay as stored (the sync reads them), rather than being blanked by the webhook.
 */
export async function applyCustomerWebhook(scope: IngestScope, payload: unknown, observedAt: string): Promise<IngestCounts> {
  const { customer, hasOrderStats } = mapRestCustomer(payload, observedAt);
  if (hasOrderStats) return ingestCustomers(scope, [customer]);
  const stored = await db.customer.findUnique({
    where: { workspaceId_connectionId_externalId: { ...scope, externalId: customer.externalId } },
    select: { numberOfOrders: true, amountSpent: true, currency: true },
  });
  return ingestCustomers(scope, [
    {
      ...customer,
      numberOfOrders: stored?.numberOfOrders ?? null,
      amountSpent: stored?.amountSpent && stored.currency ? { amount: stored.amountSpent.toString(), currency: stored.currency } : null,
    },
  ]);
}
