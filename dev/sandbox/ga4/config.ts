// What is Google's in the sandbox GA4: the demo property, dev credentials, quotas, and the shapes
// of its answers. [C]: from the copied protos (spec/); [U]: standard Google API behaviour not in
// a machine-readable source here (CONTRACT-NOTES.md says which).
import type { FaultShapes } from "../_kit/faults";
import type { HttpAnswer } from "../_kit/http";

/** The demo property: id, its currency and reporting time zone (the day a purchase counts on). */
export const DEMO_PROPERTY = { id: "412345678", displayName: "Demo Brand · Online Store", currencyCode: "USD", timeZone: "America/New_York", account: { id: "300100200", displayName: "Demo Brand" } } as const;

/**
 * A second property the demo user (and a key made with `secondProperty: true`) can read, so that
 * picking a property is a real choice. It has no purchases.
 */
export const SECOND_PROPERTY = { id: "498765432", displayName: "Demo Brand · Wholesale", currencyCode: "GBP", timeZone: "Europe/London", account: { id: "300100377", displayName: "Demo Brand Wholesale" } } as const;

/** The dev OAuth client (user OAuth, refresh_token grant) [U: Google's ids look like this]. */
export const GA4_DEV = {
  client: { clientId: "sandbox-ga4-client.apps.googleusercontent.com", clientSecret: "sandbox-ga4-secret" },
  projectId: "meridian-sandbox",
};

/** `GET` it for a new service account key file, as the Cloud console's "Add key → JSON" downloads one. */
export const KEY_DOWNLOAD_PATH = "/dev/service-account-key.json";

export const SCOPES = { readonly: "https://www.googleapis.com/auth/analytics.readonly", full: "https://www.googleapis.com/auth/analytics" } as const;

/** Google issues 1-hour access tokens and answers `expires_in: 3599` [U]. */
export const ACCESS_TOKEN_SECONDS = 3599;

/**
 * A standard property's quotas (PropertyQuota's proto comments [C] for tokens per day; the rest
 * from Google's "Data API quotas" page [U]): 200,000 tokens a day, 40,000 an hour, 10 concurrent
 * requests. Windows are fixed (top of the hour, UTC midnight [U: Google resets daily at Pacific midnight]).
 */
export const QUOTAS = { tokensPerDay: 200_000, tokensPerHour: 40_000, concurrentRequests: 10, tokensPerProjectPerHour: 14_000, serverErrorsPerProjectPerHour: 10, potentiallyThresholdedRequestsPerHour: 120 };

/** Tokens a report costs [U: Google does not publish the formula; "most requests use < 10"]: 1, plus 1 per 10,000 rows. */
export const reportCost = (rows: number) => 1 + Math.floor(rows / 10_000);

/** `limit` default and cap (RunReportRequest.limit's proto comment [C]). */
export const ROW_LIMITS = { default: 10_000, max: 250_000 };

export type GoogleStatus = "INVALID_ARGUMENT" | "UNAUTHENTICATED" | "PERMISSION_DENIED" | "NOT_FOUND" | "RESOURCE_EXHAUSTED" | "INTERNAL" | "UNAVAILABLE";

/** Google's JSON error (google.rpc.Status in the REST form). */
export function googleError(code: number, status: GoogleStatus, message: string, details?: unknown[], headers?: Record<string, string>): HttpAnswer {
  return { status: code, headers, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/** A 400 naming each bad field (google.rpc.BadRequest's field violations). */
export function invalidArgument(message: string, violations: { field: string; description: string }[]): HttpAnswer {
  return googleError(400, "INVALID_ARGUMENT", message, [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: violations }]);
}

export const unauthenticated = () =>
  googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");

export const permissionDenied = (property: string) =>
  googleError(403, "PERMISSION_DENIED", `User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id. (${property})`);

export function resourceExhausted(quota: string): HttpAnswer {
  return googleError(429, "RESOURCE_EXHAUSTED", `Exhausted property ${quota} quota. Consider upgrading to Analytics 360.`);
}

/** Injected faults in Google's shape: the generic 429 (not a property quota) and 503/500 [U]. */
export const FAULT_SHAPES: FaultShapes = {
  tooManyRequests: (seconds) => googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", undefined, { "Retry-After": String(seconds) }),
  serverError: (status) => (status === 503 ? googleError(503, "UNAVAILABLE", "The service is currently unavailable.") : googleError(status, "INTERNAL", "Internal error encountered.")),
};
