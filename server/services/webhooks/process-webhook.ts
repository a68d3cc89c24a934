import "server-only";
import { PermanentError } from "@/server/connectors/_core/errors";
import type { WebhookTopicKind } from "@/server/connectors/_core/webhooks";
import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import { db } from "@/server/db";
import type { ConnectionStatus, WebhookStatus } from "@/server/generated/prisma/enums";
import { IngestRecordError } from "@/server/ingest";
import { logger } from "@/server/observability/logger";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import type { JobCounts } from "@/server/services/jobs/types";
import { applyWebhookChange, type AppliedChange } from "./apply-webhook-change";
import { storedCurrency } from "./stored-currency";

const log = logger.child({ module: "webhooks" });

/** The stored delivery cannot be processed as it is: retrying cannot help. */
export class UnprocessableWebhookError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnprocessableWebhookError";
  }
}

export type WebhookOutcome = {
  webhookEventId: string;
  topic: string;
  /** SKIPPED: an earlier run finished this delivery already. */
  status: "PROCESSED" | "IGNORED" | "SKIPPED";
  /** Why it was ignored. */
  reason: string | null;
  /** For the job run: records read and what became of them. */
  counts: JobCounts;
  /** Figures of the changes' own (rows redacted, mails sent, ...). */
  detail: Record<string, number | string | boolean> | null;
};

// A connection a person paused or disconnected does not sync; its next sync (if any) catches up
// on the records it missed. Deletions still apply while paused: no sync learns of a deleted
// record, so a delivery ignored now would leave it shown for good. What concerns the account
// itself (uninstall, privacy requests) applies whatever the status: an account's redaction comes
// after its uninstall.
function ignoredWhile(status: ConnectionStatus, kind: WebhookTopicKind): boolean {
  if (kind === "account") return false;
  if (status === "PAUSED") return kind === "records";
  return status === "DISCONNECTED";
}

type StoredDelivery = {
  id: string;
  provider: string;
  topic: string;
  /** The stored body as text: the connector parses it as it parsed the raw body at intake. */
  body: string;
  status: WebhookStatus;
  receivedAt: Date;
  triggeredAt: Date | null;
  connectionId: string | null;
  connectionStatus: ConnectionStatus | null;
};

/**
 * Processes one stored delivery (WebhookEvent `webhookEventId` of `workspaceId`): the service
 * behind the process-webhook job. Marks the row PROCESSED or IGNORED. A body that cannot be parsed,
 * mapped or stored marks it FAILED and throws UnprocessableWebhookError; anything else is worth a
 * retry: the row keeps the error and stays as it was (a later successful attempt marks it PROCESSED).
 */
export async function processWebhook(input: { workspaceId: string; webhookEventId: string; topic: string }): Promise<WebhookOutcome> {
  const [delivery] = await db.$queryRaw<StoredDelivery[]>`
    SELECT w."id", w."provider", w."topic", w."payload"::text AS "body", w."status", w."receivedAt", w."triggeredAt", w."connectionId", c."status" AS "connectionStatus"
    FROM "WebhookEvent" w LEFT JOIN "Connection" c ON c."id" = w."connectionId"
    WHERE w."id" = ${input.webhookEventId} AND w."workspaceId" = ${input.workspaceId}`;
  if (!delivery) {
    // An account's redaction deletes its other stored deliveries, queued ones included (their
    // bodies are its data), and retention removes old ones: nothing is left to apply.
    log.warn({ ...input }, "Webhook delivery is no longer stored; nothing to process");
    return { webhookEventId: input.webhookEventId, topic: input.topic, status: "SKIPPED", reason: "The delivery is no longer stored.", counts: {}, detail: null };
  }
  const base = { webhookEventId: delivery.id, topic: delivery.topic };
  if (delivery.status === "PROCESSED" || delivery.status === "IGNORED") {
    return { ...base, status: "SKIPPED", reason: `Already ${delivery.status.toLowerCase()}.`, counts: {}, detail: null };
  }

  try {
    const applied = await apply(delivery);
    const status = applied.ignored ? "IGNORED" : "PROCESSED";
    await db.webhookEvent.update({
      where: { id: delivery.id },
      data: { status, error: applied.ignored ?? null, processedAt: new Date() },
    });
    return { ...base, status, reason: applied.ignored ?? null, counts: applied.counts, detail: applied.detail };
  } catch (error) {
    // The body (PermanentError from the connector's parse or mapping) or its values
    // (IngestRecordError) cannot be stored as they are; every retry would fail the same way:
    // FAILED at once. Anything else is retried, so the delivery stays RECEIVED with the error:
    // were the runner to lose the run between retries, the scheduler sends it again; once
    // Inngest gives up, failWebhook.
    const unprocessable = error instanceof PermanentError || error instanceof IngestRecordError;
    const failure = unprocessable ? new UnprocessableWebhookError(`${delivery.topic}: ${error.message}`, { cause: error }) : error;
    const message = (failure instanceof Error ? failure.message : String(failure)).slice(0, 2000);
    await db.webhookEvent.update({ where: { id: delivery.id }, data: unprocessable ? { status: "FAILED", error: message, processedAt: null } : { error: message } });
    throw failure;
  }
}

async function apply(delivery: StoredDelivery): Promise<AppliedChange> {
  const provider = registeredProvider(delivery.provider);
  const webhooks = provider ? connectorFor(provider).webhooks : undefined;
  if (!webhooks) throw new PermanentError(`No connector processes ${delivery.provider} webhooks.`);
  const kind = Object.hasOwn(webhooks.topics, delivery.topic) ? webhooks.topics[delivery.topic] : undefined;
  if (!kind) throw new PermanentError(`Meridian does not process the topic "${delivery.topic}".`);
  if (!delivery.connectionId || !delivery.connectionStatus) return { ignored: "The account's connection was removed.", counts: {}, detail: null };
  if (ignoredWhile(delivery.connectionStatus, kind)) {
    return { ignored: `The connection is ${delivery.connectionStatus.toLowerCase()}: its data is not being synced.`, counts: { read: 1, unchanged: 1 }, detail: null };
  }

  const parsed = webhooks.parse(delivery.topic, delivery.body);
  const ctx = await getConnectionAccess(delivery.connectionId);
  const scope = { workspaceId: ctx.workspaceId, connectionId: ctx.connectionId, provider: ctx.provider, account: ctx.externalAccountId };
  // Headers are not signed: a delivery never counts as seen later than it arrived (a replayed
  // body cannot claim to be the newest); one without a trigger time as seen when it arrived.
  const seen = Math.min((delivery.triggeredAt ?? delivery.receivedAt).getTime(), delivery.receivedAt.getTime());
  const result = await webhooks.toChanges(ctx, parsed, {
    receivedAt: delivery.receivedAt,
    observedAt: new Date(seen).toISOString(),
    storedCurrency: () => storedCurrency(scope),
  });
  if ("ignored" in result) return { ignored: result.ignored, counts: { read: 1, unchanged: 1 }, detail: null };

  const applied: AppliedChange[] = [];
  for (const change of result.changes) applied.push(await applyWebhookChange(scope, change, { webhookEventId: delivery.id, personalData: webhooks.personalData }));
  const ignored = applied.length > 0 && applied.every((a) => a.ignored) ? applied[0]!.ignored : undefined;
  return { counts: sumCounts(applied.map((a) => a.counts)), detail: mergeDetails(applied.map((a) => a.detail)), ...(ignored ? { ignored } : {}) };
}

function sumCounts(all: JobCounts[]): JobCounts {
  const total: JobCounts = {};
  for (const counts of all) {
    for (const [key, n] of Object.entries(counts) as [keyof JobCounts, number | undefined][]) total[key] = (total[key] ?? 0) + (n ?? 0);
  }
  return total;
}

function mergeDetails(all: AppliedChange["detail"][]): AppliedChange["detail"] {
  const present = all.filter((detail) => detail !== null);
  return present.length === 0 ? null : Object.assign({}, ...present);
}
