import "server-only";
import type { CustomerRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestCustomers, type IngestCounts, type IngestScope } from "@/server/ingest";

/**
 * A customer, through the same ingest as the sync. When the delivery does not carry the order
 * count and amount spent (`orderStatsStored`), those stay as stored (the sync reads them), rather
 * than being blanked by the webhook.
 */
export async function applyCustomer(scope: IngestScope, customer: CustomerRecord, orderStatsStored: boolean): Promise<IngestCounts> {
  if (!orderStatsStored) return ingestCustomers(scope, [customer]);
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
