// What is FreeAgent's in the sandbox FreeAgent: dev credentials, users and their access levels,
// token lifetimes, limits and the shapes of its answers. Sources and what is confirmed or not:
// CONTRACT-NOTES.md (FreeAgent publishes no machine-readable spec).
import type { FaultShapes } from "../_kit/faults";
import type { HttpAnswer } from "../_kit/http";
import type { OAuthError } from "../_kit/oauth";
import type { Issued } from "../_kit/oauth-tokens";
import type { Refusal } from "../_kit/rate-limits";

/** Fixed dev credentials: the app and a future `npm run dev` use the same. */
export const FREEAGENT_DEV = {
  client: { clientId: "sandbox-freeagent-client", clientSecret: "sandbox-freeagent-secret" },
};

/**
 * Access levels (dev.freeagent.com/docs/introduction, "Minimum access level"): 0 No Access,
 * 1 Time, 2 My Money, 3 Contacts & Projects, 4 Invoices/Estimates & Files, 5 Bills, 6 Banking,
 * 7 Tax/Accounting & Users, 8 Full.
 */
export const ACCESS = { none: 0, time: 1, myMoney: 2, contacts: 3, invoices: 4, bills: 5, banking: 6, accounting: 7, full: 8 } as const;

/**
 * The demo company's users. The consent page authorises as the admin; tests issue tokens for the
 * others (control `issueToken`) to see what a lower level may not read.
 */
export const DEMO_USERS = [
  { id: 1, first_name: "Amelia", last_name: "Hart", email: "amelia@demo-brand.example", role: "Director", permission_level: ACCESS.full },
  { id: 2, first_name: "Ben", last_name: "Okafor", email: "ben@demo-brand.example", role: "Employee", permission_level: ACCESS.banking },
  { id: 3, first_name: "Chloe", last_name: "Singh", email: "chloe@demo-brand.example", role: "Employee", permission_level: ACCESS.time },
] as const;
export const ADMIN_USER_ID = DEMO_USERS[0].id;

/**
 * The minimum level per resource (docs per resource; categories, users and company are [U]).
 * `/v2/users/me` is open to every user who may use the API at all [U].
 */
export const MIN_LEVEL = {
  company: ACCESS.time,
  me: ACCESS.time,
  users: ACCESS.accounting,
  contacts: ACCESS.time,
  categories: ACCESS.accounting,
  invoices: ACCESS.invoices,
  bills: ACCESS.bills,
  bankAccounts: ACCESS.banking,
  bankTransactions: ACCESS.banking,
  explanations: ACCESS.banking,
  accountingTransactions: ACCESS.accounting,
} as const;

/**
 * OAuth (docs/oauth, api-discuss #6309): 1-hour access tokens, codes valid 15 minutes, a refresh
 * returns a new refresh token and `refresh_token_expires_in`. The refresh token's lifetime is not
 * documented (staff: read it from the response) [U]: 631,139,040 s (about 20 years), the value of a
 * published example response; a spent refresh token is refused (rotation `strict`) [U].
 */
export const TOKEN_LIFETIMES = { accessTokenSeconds: 3600, refreshTokenSeconds: 631_139_040, codeSeconds: 15 * 60 };

/**
 * Per user (api-discuss #744, #2259, #1900): 120 requests a minute and 3,600 an hour, fixed windows
 * resetting on the minute and the hour. Sandbox only: `X-RateLimit-Test: true` lowers the minute's
 * to 5 (#780). Token refreshes have a limit of their own, 15 a minute [U].
 */
export const RATE_LIMITS = { perMinute: 120, perHour: 3600, testPerMinute: 5, refreshesPerMinute: 15 };

/** FreeAgent's error body, `{"errors":{"error":{"message":"..."}}}` [U: the shape client libraries read]. */
export function freeAgentError(status: number, message: string, headers?: Record<string, string>): HttpAnswer {
  return { status, headers, body: { errors: { error: { message } } } };
}

export const forbidden = (): HttpAnswer => freeAgentError(403, "You are not allowed to access this action.");
export const notFound = (): HttpAnswer => freeAgentError(404, "Resource not found");
export const unauthorized = (reason: string): HttpAnswer => freeAgentError(401, reason === "expired" ? "Access token has expired" : "Access token not recognised");
export const badRequest = (message: string): HttpAnswer => freeAgentError(400, message);
export const unprocessable = (message: string): HttpAnswer => freeAgentError(422, message);

/**
 * The 429: the message is FreeAgent's [C] for the minute; the hourly wording and `Retry-After` (the
 * seconds to the window's reset) are [U]. `windowSeconds`: the refusing window's length, shorter
 * than FreeAgent's under a compressed clock (then named in seconds, as the minute's is).
 */
export function tooManyRequests(refusal: Pick<Refusal, "limit" | "retryAfterMs">, windowSeconds = refusal.limit === RATE_LIMITS.perHour ? 3600 : 60): HttpAnswer {
  const message = `You must not exceed ${refusal.limit} requests per ${windowSeconds === 3600 ? "hour" : `${windowSeconds} seconds`}`;
  return freeAgentError(429, message, { "Retry-After": String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))) });
}

export const FAULT_SHAPES: FaultShapes = {
  tooManyRequests: (seconds) => tooManyRequests({ limit: RATE_LIMITS.perMinute, retryAfterMs: seconds * 1000 }),
  serverError: (status) => freeAgentError(status, status === 503 ? "Service Unavailable" : "Internal Server Error"),
};

/** The token response of FreeAgent's current system (api-discuss #6309). */
export function tokenResponse(issued: Issued): Record<string, unknown> {
  return { access_token: issued.accessToken, token_type: "bearer", expires_in: issued.expiresIn, refresh_token: issued.refreshToken, refresh_token_expires_in: issued.refreshExpiresIn };
}

/** OAuth errors in RFC 6749's shape [U]. */
export function oauthError(error: OAuthError, description: string): HttpAnswer {
  return { status: error === "invalid_client" ? 401 : 400, body: { error, error_description: description } };
}
