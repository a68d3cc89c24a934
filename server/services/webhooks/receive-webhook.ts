import "server-only";
import { randomUUID } from "node:crypto";
import { isWebhookRefusal, MalformedWebhookError, type WebhookRefusal } from "@/server/connectors/_core/webhooks";
import { connectorFor, providerFromSlug } from "@/server/connectors/registry";
import { db } from "@/server/db";
import { connectorEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { reportError } from "@/server/observability/report-error";
import { queueWebhookEventSoon } from "./coalesce-webhook-sends";
import type { SendWebhookEvents } from "./queue-webhook-events";
import { readBodyWithin } from "./read-body-within";

export type WebhookReply = {
  status: number;
  body: { ok: boolean; result: string; detail?: string };
  /** Work for after the response has gone (Next's `after()`): hands a stored delivery to Inngest. */
  afterResponse?: () => Promise<void>;
};

const log = logger.child({ module: "webhooks" });
const reply = (status: number, result: string, detail?: string): WebhookReply => ({ status, body: { ok: status < 300, result, ...(detail ? { detail } : {}) } });

// JSON allows U+0000 in strings (a customer's note can hold one); PostgreSQL's jsonb does not.
// Stored as U+FFFD instead of failing every one of the provider's retries. An escape preceded by
// an odd number of backslashes is literal text, not a NUL, and is left alone.
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;
function storableJson(raw: string): string {
  return raw.includes("\\u0000") ? raw.replace(NUL_ESCAPE, "$1\\ufffd") : raw;
}

type StoredRow = { connectionId: string; workspaceId: string; webhookEventId: string | null };

/**
 * POST /api/webhooks/<provider>, for any connector with a webhook part (_core/webhooks.ts): 404
 * for a provider without one or not set up on this server; then the connector's screen of the
 * headers (its 401s and 400s), a declared length over its cap (413), a topic it does not handle
 * (acknowledged unread), all before the body is read; the body read up to the cap (413 beyond),
 * its signature verified before anything parses it, the body judged by its topic's schema (400
 * naming the field) and by the account it names (400 when not the headers'); then one statement
 * stores the delivery for the account's connection (a duplicate or an unknown account stores
 * nothing), and the reply is ready. Its event goes to Inngest after the response (see
 * queue-webhook-events.ts), so the acknowledgement waits for PostgreSQL alone: providers count a
 * slow answer as a failed delivery.
 */
export async function receiveWebhook(
  request: Request,
  providerSlug: string,
  deps: { config?: unknown; sendEvents?: SendWebhookEvents } = {},
): Promise<WebhookReply> {
  const provider = providerFromSlug(providerSlug);
  const connector = provider ? connectorFor(provider) : null;
  const webhooks = connector?.webhooks;
  if (!provider || !connector || !webhooks) return reply(404, "unknown_provider");
  const config = deps.config === undefined ? connector.config(connectorEnv()) : deps.config;
  if (config === null) return reply(404, "not_configured");

  const screened = webhooks.screen(request.headers, new URL(request.url));
  const refuse = ({ status, reason, detail }: WebhookRefusal) => {
    log.warn({ provider, reason, detail, account: isWebhookRefusal(screened) ? null : screened.account }, "Webhook refused");
    return reply(status, reason, status === 400 ? detail : undefined);
  };
  if (isWebhookRefusal(screened)) return refuse(screened);
  const { topic, account } = screened;
  const declared = Number(request.headers.get("content-length"));
  if (declared > webhooks.maxBodyBytes) return refuse({ status: 413, reason: "payload_too_large", detail: `Content-Length ${declared}` });
  if (!Object.hasOwn(webhooks.topics, topic)) {
    log.info({ provider, topic, account }, "Webhook of a topic Meridian does not handle: acknowledged, ignored");
    return reply(200, "ignored_topic");
  }

  const rawBody = await readBodyWithin(request, webhooks.maxBodyBytes);
  if (rawBody === null) return refuse({ status: 413, reason: "payload_too_large", detail: `over ${webhooks.maxBodyBytes} bytes` });
  const unverified = await webhooks.verify(config, rawBody, request.headers, screened);
  if (unverified) return refuse(unverified);
  let parsed: unknown;
  try {
    parsed = webhooks.parse(topic, rawBody);
  } catch (error) {
    if (!(error instanceof MalformedWebhookError)) throw error;
    return refuse({ status: 400, reason: "malformed_payload", detail: error.message });
  }
  const named = webhooks.accountNamed?.(parsed);
  if (named && named !== account) return refuse({ status: 400, reason: "account_mismatch", detail: `the body names ${named}` });

  // One round trip: find the account's connection and insert the delivery for it. No row back
  // means no connection; a row without an id means the delivery was stored before.
  const [row] = await db.$queryRaw<StoredRow[]>`
    WITH connection AS (
      SELECT "id", "workspaceId" FROM "Connection" WHERE "provider" = ${provider} AND "externalAccountId" = ${account}
    ), inserted AS (
      INSERT INTO "WebhookEvent" ("id", "workspaceId", "connectionId", "provider", "externalId", "topic", "payload", "triggeredAt")
      SELECT ${randomUUID()}, c."workspaceId", c."id", ${provider}, ${screened.dedupeKey}, ${topic}, ${storableJson(rawBody)}::jsonb, ${screened.triggeredAt}::timestamptz FROM connection c
      ON CONFLICT ("provider", "externalId") DO NOTHING
      RETURNING "id"
    )
    SELECT c."id" AS "connectionId", c."workspaceId", i."id" AS "webhookEventId" FROM connection c LEFT JOIN inserted i ON true`;
  if (!row) {
    log.info({ provider, topic, account }, "Webhook for an account with no connection: acknowledged, ignored");
    return reply(200, "unknown_account");
  }
  if (!row.webhookEventId) return reply(200, "duplicate");
  const stored = { provider, webhookEventId: row.webhookEventId, workspaceId: row.workspaceId, connectionId: row.connectionId, topic };
  return {
    ...reply(200, "accepted"),
    afterResponse: () =>
      queueWebhookEventSoon(stored, { sendEvents: deps.sendEvents }).catch((error: unknown) => {
        // The delivery is stored and acknowledged: the scheduler sends its event again.
        reportError(error, { source: "webhooks", workspaceId: stored.workspaceId, extra: { provider, topic, account, webhookEventId: stored.webhookEventId } }, log);
      }),
  };
}
