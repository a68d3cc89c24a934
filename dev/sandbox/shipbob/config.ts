// What is ShipBob's in the sandbox ShipBob: dev credentials, token lifetimes, limits and the shapes
// of its answers. Sources: the 2026-01 OpenAPI (spec/SOURCE.md) and, for what the spec does not
// say, ShipBob's developer pages (https://developer.shipbob.com/rate-limit, /webhooks).
import type { FaultShapes } from "../_kit/faults";
import type { HttpAnswer } from "../_kit/http";
import type { SpecIssue } from "../_kit/openapi";
import type { RateLimitShape } from "../_kit/rate-limits";
import type { RetrySchedule } from "../_kit/webhooks";

export const API_VERSION = "2026-01";

/** Fixed dev credentials: the app and `npm run dev` use the same. */
export const SHIPBOB_DEV = {
  /** A personal access token of the demo user (spec securitySchemes.PAT: `Authorization: Bearer <PAT>`). */
  pat: "sbpat_sandbox_demo_personal_access_token",
  client: { clientId: "sandbox-shipbob-client", clientSecret: "sandbox-shipbob-secret" },
  /** The OAuth app's name: its consent screen's, and its installation channel's `application_name`. */
  appName: "Meridian",
  /** Standard Webhooks secret: `whsec_` + base64 key (NOTES.md, "Webhook delivery"). */
  webhookSecret: `whsec_${Buffer.from("sandbox shipbob webhook key, 32b").toString("base64")}`,
  userId: 1_200_345,
};

/**
 * Channel scopes as the GET channel example of the 2025-07 and 2026-01 OpenAPI lists them: the
 * account's "ShipBob Default" channel reads; a personal access token's channel (ShipBob's "SMA"
 * application, developer.shipbob.com/auth: "full access") reads and writes.
 */
export const CHANNEL_READ_SCOPES = ["billing_read", "channels_read", "fulfillments_read", "inventory_read", "locations_read", "orders_read", "pricing_read", "products_read", "receiving_read", "returns_read", "webhooks_read"] as const;
export const CHANNEL_WRITE_SCOPES = ["fulfillments_write", "inventory_write", "locations_write", "orders_write", "products_write", "receiving_write", "returns_write", "webhooks_write"] as const;

/**
 * OAuth (spec securitySchemes.OAuth2 and issue 13): 1-hour access tokens; refresh tokens rotate on
 * every use (a spent one presented again revokes the grant) and lapse after ~30 days unused.
 */
export const TOKEN_LIFETIMES = { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86_400, codeSeconds: 300 };

/** 150 requests per minute, sliding window, per user and application (NOTES.md, developer.shipbob.com/rate-limit). */
export const RATE_LIMIT = { limit: 150, windowMs: 60_000 };

/**
 * Webhooks (developer.shipbob.com/webhooks, confirmed with NOTES.md): a 2xx within 15 s; the body is
 * the resource as its GET endpoint serves it; a failed message is retried 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h and 10 h after the attempt before ("fails three times ... delivered roughly 35 minutes
 * and 5 seconds following the first attempt"), then marked failed.
 */
export const WEBHOOK_LIMITS = { connectMs: 5_000, totalMs: 15_000 };
const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const WEBHOOK_RETRIES: RetrySchedule = { retries: RETRY_DELAYS_MS.length, delayMs: (retry) => RETRY_DELAYS_MS[retry - 1]! };

/** The order, shipment and return topics of 2026-01 (spec `Webhooks.Topics`; billing topics not served). */
export const WEBHOOK_TOPICS = [
  "order.shipped",
  "order.shipment.delivered",
  "order.shipment.exception",
  "order.shipment.on_hold",
  "order.shipment.cancelled",
  "return.created",
  "return.updated",
  "return.completed",
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** RFC 9110's section for each status ShipBob answers, as ASP.NET writes ProblemDetails `type`. */
const STATUS_SECTIONS: Record<number, string> = { 400: "15.5.1", 401: "15.5.2", 404: "15.5.5", 429: "15.5.1", 500: "15.6.1", 502: "15.6.3", 503: "15.6.4" };

/** RFC 7807 ProblemDetails, as the spec's `*.ProblemDetails` schemas. */
export function problem(status: number, title: string, detail?: string): HttpAnswer {
  const type = `https://tools.ietf.org/html/rfc9110#section-${STATUS_SECTIONS[status] ?? "15.6.1"}`;
  return { status, headers: { "Content-Type": "application/problem+json" }, body: { type, title, status, ...(detail ? { detail } : {}) } };
}

/**
 * A 429 as developer.shipbob.com/rate-limit documents it: `x-retry-after` in seconds,
 * `x-remaining-calls`, and the body `{"statusCode": 429, "message": "Rate limit is exceeded. Try
 * again in 25 seconds."}` (not a ProblemDetails like ShipBob's other errors).
 */
export const tooManyRequests: RateLimitShape = (refusal) => tooManyRequestsFor(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)));

function tooManyRequestsFor(seconds: number): HttpAnswer {
  return {
    status: 429,
    headers: { "Content-Type": "application/json", "x-retry-after": String(seconds), "x-remaining-calls": "0" },
    body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
  };
}

export const FAULT_SHAPES: FaultShapes = {
  tooManyRequests: tooManyRequestsFor,
  serverError: (status) => problem(status, status === 503 ? "Service Unavailable" : "Internal Server Error"),
};

/** 401 without or with a bad token: the spec declares the status only; ProblemDetails as the inventory service's. */
export const unauthorized = (reason: string): HttpAnswer => problem(401, "Unauthorized", `The access token is ${reason}.`);

export const notFound = (what: string): HttpAnswer => problem(404, "Not Found", `${what} was not found.`);

/**
 * A request that breaks the spec, in the 400 shape its operation declares: the order, shipment,
 * channel and product services answer a map of field → messages (`*.Bad.Request.Object`); the
 * others a ProblemDetails, receiving's with `errors` (ValidationProblemDetails).
 */
export function invalidRequest(template: string, issues: SpecIssue[]): HttpAnswer {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.where.replace(/^(query|header|path|body)\.?/, "") || "body"] ??= []).push(issue.message);
  if (/^\/2026-01\/(order|shipment|channel|product)\b/.test(template)) return { status: 400, body: errors };
  const answer = problem(400, "One or more validation errors occurred.");
  return template.startsWith("/2026-01/receiving") ? { ...answer, body: { ...(answer.body as object), errors } } : { ...answer, body: { ...(answer.body as object), detail: Object.entries(errors).map(([k, v]) => `${k}: ${v.join(", ")}`).join("; ") } };
}
