import "server-only";
import { PermanentError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { IngestRecordError, type IngestCounts, type IngestScope } from "@/server/ingest";
import { logger } from "@/server/observability/logger";
import type { JobCounts } from "@/server/services/jobs/types";
import { isHandledTopic, type ShopifyWebhookTopic } from "@/server/services/shopify/webhook-topics";
import { applyCustomerWebhook } from "./apply-customer";
import { applyDeletionWebhook, isDeletionTopic } from "./apply-deletion";
import { applyOrderWebhook } from "./apply-order";
import { applyProductWebhook } from "./apply-product";
import { redactShopifyCustomer, redactShopifyShop } from "./redact";
import { sendCustomerDataReport } from "./send-customer-data-report";
import { uninstallShopifyConnection } from "./uninstall-connection";
import { updateInventoryAvailable } from "./update-inventory-available";

const log = logger.child({ module: "shopify-webhooks" });

/** The stored delivery cannot be processed as it is: retrying cannot help. */
export class UnprocessableShopifyWebhookError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnprocessableShopifyWebhookError";
  }
}

export type ShopifyWebhookOutcome = {
  webhookEventId: string;
  topic: string;
  /** SKIPPED: an earlier run finished this delivery already. */
  status: "PROCESSED" | "IGNORED" | "SKIPPED";
  /** Why it was ignored. */
  reason: string | null;
  /** For the job run: records read and what became of them. */
  counts: JobCounts;
  /** Topic-specific figures (rows redacted, mails sent, ...). */
  detail: Record<string, number | string | boolean> | null;
};

const COMPLIANCE: readonly ShopifyWebhookTopic[] = ["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"];
// Data topics are the sync's fast path; a connection a person paused or disconnected does not
// sync, and its next sync (if any) catches up by updated_at. Deletions still apply while paused:
// no sync learns of a deleted order or customer, so a delivery ignored now would leave it shown
// for good. Uninstall and the compliance topics apply whatever the status: shop/redact comes
// about 48 hours after the uninstall.
function ignoredWhile(status: ConnectionStatus, topic: ShopifyWebhookTopic): boolean {
  if (COMPLIANCE.includes(topic)) return false;
  if (status === "PAUSED") return !isDeletionTopic(topic);
  return status === "DISCONNECTED";
}

type Applied = Pick<ShopifyWebhookOutcome, "counts" | "detail"> & { ignored?: string };

const fromIngest = (counts: IngestCounts): Applied => ({ counts, detail: null });

/**
 * Processes one stored Shopify delivery (WebhookEvent `webhookEventId` of `workspaceId`): the
 * service behind the process-shopify-webhook job. Marks the row PROCESSED or IGNORED. A payload
 * that cannot be mapped or stored marks it FAILED and throws UnprocessableShopifyWebhookError;
 * anything else is worth a retry: the row keeps the error and stays as it was (a later successful
 * attempt marks it PROCESSED).
 */
export async function processShopifyWebhook(input: { workspaceId: string; webhookEventId: string; topic: string }): Promise<ShopifyWebhookOutcome> {
  const event = await db.webhookEvent.findFirst({
    where: { id: input.webhookEventId, workspaceId: input.workspaceId, provider: "SHOPIFY" },
    select: {
      id: true,
      topic: true,
      payload: true,
      status: true,
      receivedAt: true,
      triggeredAt: true,
      connection: { select: { id: true, workspaceId: true, status: true, externalAccountId: true } },
    },
  });
  if (!event) {
    // shop/redact deletes the shop's other stored deliveries, queued ones included (their bodies
    // are the shop's data), and retention removes old ones: nothing is left to apply.
    log.warn({ ...input }, "Shopify webhook event is no longer stored; nothing to process");
    return { webhookEventId: input.webhookEventId, topic: input.topic, status: "SKIPPED", reason: "The delivery is no longer stored.", counts: {}, detail: null };
  }
  const base = { webhookEventId: event.id, topic: event.topic };
  if (event.status === "PROCESSED" || event.status === "IGNORED") {
    return { ...base, status: "SKIPPED", reason: `Already ${event.status.toLowerCase()}.`, counts: {}, detail: null };
  }

  try {
    const applied = await apply(event);
    const status = applied.ignored ? "IGNORED" : "PROCESSED";
    await db.webhookEvent.update({
      where: { id: event.id },
      data: { status, error: applied.ignored ?? null, processedAt: new Date() },
    });
    return { ...base, status, reason: applied.ignored ?? null, counts: applied.counts, detail: applied.detail };
  } catch (error) {
    // The payload (PermanentError from the mapper) or its values (IngestRecordError) cannot be
    // stored as they are; every retry would fail the same way: FAILED at once. Anything else is
    // retried, so the delivery stays RECEIVED with the error: were the runner to lose the run
    // between retries, the scheduler sends it again; once Inngest gives up, failShopifyWebhook.
    const unprocessable = error instanceof PermanentError || error instanceof IngestRecordError;
    const failure = unprocessable ? new UnprocessableShopifyWebhookError(`${event.topic}: ${error.message}`, { cause: error }) : error;
    const message = (failure instanceof Error ? failure.message : String(failure)).slice(0, 2000);
    await db.webhookEvent.update({ where: { id: event.id }, data: unprocessable ? { status: "FAILED", error: message, processedAt: null } : { error: message } });
    throw failure;
  }
}

type StoredEvent = {
  id: string;
  topic: string;
  payload: unknown;
  receivedAt: Date;
  triggeredAt: Date | null;
  connection: { id: string; workspaceId: string; status: ConnectionStatus; externalAccountId: string } | null;
};

async function apply(event: StoredEvent): Promise<Applied> {
  const { topic, payload, connection } = event;
  if (!isHandledTopic(topic)) throw new PermanentError(`Meridian does not process the topic "${topic}".`);
  if (!connection) return { ignored: "The shop's connection was removed.", counts: {}, detail: null };
  if (ignoredWhile(connection.status, topic)) {
    return { ignored: `The connection is ${connection.status.toLowerCase()}: its data is not being synced.`, counts: { read: 1, unchanged: 1 }, detail: null };
  }
  const scope: IngestScope = { workspaceId: connection.workspaceId, connectionId: connection.id };
  const shop = connection.externalAccountId;
  // What orders two copies of a record with the same updated_at (see newerVersion in
  // server/ingest/shared.ts): when Shopify triggered the delivery. The header is not signed, so
  // never later than its arrival (a replayed body cannot claim to be the newest); a delivery
  // without it is taken as seen when it arrived.
  const observedAt = new Date(Math.min((event.triggeredAt ?? event.receivedAt).getTime(), event.receivedAt.getTime())).toISOString();

  switch (topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled":
      return fromIngest(await applyOrderWebhook(scope, payload, observedAt));
    case "products/create":
    case "products/update": {
      const result = await applyProductWebhook(scope, payload, observedAt);
      return "ignored" in result ? { ignored: result.ignored, counts: { read: 1, unchanged: 1 }, detail: null } : fromIngest(result.counts);
    }
    case "customers/create":
    case "customers/update":
      return fromIngest(await applyCustomerWebhook(scope, payload, observedAt));
    case "orders/delete":
    case "products/delete":
    case "customers/delete":
      return fromIngest(await applyDeletionWebhook(scope, topic, payload, event.receivedAt));
    case "inventory_levels/update":
      return fromIngest(await updateInventoryAvailable(scope, payload, observedAt));
    case "app/uninstalled": {
      const result = await uninstallShopifyConnection({ ...scope, receivedAt: event.receivedAt });
      if ("ignored" in result) return { ignored: result.ignored, counts: {}, detail: null };
      return { counts: { read: 1, updated: 1 }, detail: { previousStatus: result.previousStatus } };
    }
    case "customers/data_request": {
      const result = await sendCustomerDataReport(scope, shop, payload);
      return { counts: { read: result.orders + (result.customerFound ? 1 : 0) }, detail: result };
    }
    case "customers/redact": {
      const result = await redactShopifyCustomer(scope, shop, event.id, payload);
      return { counts: { read: result.customers + result.orders, updated: result.customers + result.orders }, detail: result };
    }
    case "shop/redact": {
      const result = await redactShopifyShop(scope, shop, event.id);
      const deleted = Object.values(result).reduce((sum, n) => sum + n, 0);
      return { counts: { read: deleted, deleted }, detail: result };
    }
  }
}
