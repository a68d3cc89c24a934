import "server-only";
import type { ConnectorWebhooks, WebhookChange } from "@/server/connectors/_core/webhooks";
import { applyDeletions, ingestProducts, ingestReturns, ingestShipments, type IngestCounts } from "@/server/ingest";
import type { JobCounts } from "@/server/services/jobs/types";
import type { AccountScope } from "./account-scope";
import { applyCustomer } from "./apply-customer";
import { applyOrder } from "./apply-order";
import { redactAccount, redactCustomer } from "./redact";
import { sendCustomerDataReport } from "./send-customer-data-report";
import { uninstallConnection } from "./uninstall-connection";
import { updateInventoryAvailable } from "./update-inventory-available";

/** What one change did: counts for the job run, figures of its own (rows redacted, mails sent), or why it did nothing. */
export type AppliedChange = { counts: JobCounts; detail: Record<string, number | string | boolean> | null; ignored?: string };

const fromIngest = (counts: IngestCounts): AppliedChange => ({ counts, detail: null });

/** Applies one change of the stored delivery `webhookEventId`, for the connection of `scope`. */
export async function applyWebhookChange(
  scope: AccountScope,
  change: WebhookChange,
  delivery: { webhookEventId: string; personalData: ConnectorWebhooks["personalData"] },
): Promise<AppliedChange> {
  const ingestScope = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  switch (change.change) {
    case "upsert":
      if (change.kind === "orders") return fromIngest(await applyOrder(ingestScope, change.record, change.keepStored === "otherTransactions"));
      if (change.kind === "customers") return fromIngest(await applyCustomer(ingestScope, change.record, change.keepStored === "orderStats"));
      if (change.kind === "shipments") return fromIngest(await ingestShipments(ingestScope, [change.record]));
      if (change.kind === "returns") return fromIngest(await ingestReturns(ingestScope, [change.record]));
      return fromIngest(await ingestProducts(ingestScope, [change.record]));
    case "inventoryAvailable":
      return fromIngest(await updateInventoryAvailable(ingestScope, change.level));
    case "delete":
      // A delete for a record never stored changes no row but leaves a tombstone: should the
      // record still arrive afterwards (a backfill's copy, a retried delivery), it is stored deleted.
      return fromIngest(await applyDeletions(ingestScope, [change.deletion]));
    case "disconnect": {
      const result = await uninstallConnection(ingestScope);
      if ("ignored" in result) return { counts: {}, detail: null, ignored: result.ignored };
      return { counts: { read: 1, updated: 1 }, detail: { previousStatus: result.previousStatus } };
    }
    case "reportCustomerData": {
      const result = await sendCustomerDataReport(scope, change.request);
      return { counts: { read: result.orders + (result.customerFound ? 1 : 0) }, detail: result };
    }
    case "redactCustomer": {
      const result = await redactCustomer(scope, delivery.webhookEventId, change, delivery.personalData);
      return { counts: { read: result.customers + result.orders, updated: result.customers + result.orders }, detail: result };
    }
    case "redactAccount": {
      const result = await redactAccount(scope, delivery.webhookEventId);
      const deleted = Object.values(result).reduce((sum, n) => sum + n, 0);
      return { counts: { read: deleted, deleted }, detail: result };
    }
  }
}
