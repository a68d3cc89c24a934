import { z } from "zod";
import { AuthExpiredError, ConnectorError, PermanentError, RateLimitedError, TransientError } from "./errors";
import { HttpClient, type HttpClientOptions } from "./http";

// The OAuth 2.0 authorization code grant as providers speak it (RFC 6749 §4.1, §6): the authorize
// URL, the code exchange and the refresh grant over the shared HttpClient. Providers differ in the
// body's encoding (form, or JSON as some take it), in how the client authenticates (HTTP Basic
// or its id and secret in the body) and in what the token answer holds; the TokenEndpoint says
// which. Pure: no database, no environment.

export type OAuthClient = { clientId: string; clientSecret: string };

export type TokenEndpoint = {
  url: string;
  /** The provider's name in error messages ("<name> refused the refresh token (400)"). */
  providerName: string;
  /** RFC 6749 §2.3.1: HTTP Basic, or `client_id` and `client_secret` among the body's parameters. */
  clientAuth: "basic" | "body";
  /** `form`: application/x-www-form-urlencoded (the RFC); `json`: a JSON object. */
  bodyFormat: "form" | "json";
  /**
   * `rfc6749`: the code exchange sends grant_type and redirect_uri; `code-only`: just the code
   * (and `extra`), for an endpoint that takes nothing else.
   */
  codeGrant?: "rfc6749" | "code-only";
};

/**
 * What a token endpoint granted. Times are absolute (computed from when the request started, so
 * they err early); null where the provider did not say.
 */
export type OAuthTokenSet = {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  /** After a refresh: the rotated token, or the one sent when the provider keeps it (RFC 6749 §6). */
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
  /** Null when the answer has no `scope` (then the grant is as requested, or unchanged on refresh). */
  scopes: string[] | null;
  /** The whole answer, for provider extras (an account id, a token type). */
  response: Readonly<Record<string, unknown>>;
};

export type TokenRequestOptions = Pick<HttpClientOptions, "fetch" | "timeoutMs"> & { now?: () => Date };

export type AuthorizeRequest = {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes?: readonly string[];
  /** The RFC's space, or the comma some providers use. */
  scopeSeparator?: " " | ",";
  /** RFC 6749's `response_type=code`; null for a provider whose URL has none. */
  responseType?: "code" | null;
  extra?: Record<string, string>;
};

/** The authorize URL with the client's parameters (RFC 6749 §4.1.1). */
export function buildAuthorizeUrl(authorizeEndpoint: string, request: AuthorizeRequest): string {
  const url = new URL(authorizeEndpoint);
  const responseType = request.responseType === undefined ? "code" : request.responseType;
  if (responseType) url.searchParams.set("response_type", responseType);
  url.searchParams.set("client_id", request.clientId);
  if (request.scopes?.length) url.searchParams.set("scope", request.scopes.join(request.scopeSeparator ?? " "));
  url.searchParams.set("redirect_uri", request.redirectUri);
  url.searchParams.set("state", request.state);
  for (const [name, value] of Object.entries(request.extra ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().positive());

const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: seconds.optional(),
  refresh_token: z.string().min(1).optional(),
  // Not in RFC 6749, but common (some name it x_refresh_token_expires_in).
  refresh_token_expires_in: seconds.optional(),
  scope: z.string().optional(),
});

const errorAnswer = z.looseObject({ error: z.string().optional(), error_description: z.string().optional(), errors: z.unknown().optional() });

// Token requests are never resent after they may have reached the provider: a code is single-use
// and a refresh may rotate the token, so only refusals (429, a refused connection) are retried,
// and a long Retry-After is not waited out while a person or a sync batch waits.
const TOKEN_HTTP: HttpClientOptions = { timeoutMs: 10_000, maxAttempts: 3, maxRetryAfterMs: 5_000 };

function clientFor(options: TokenRequestOptions): HttpClient {
  return new HttpClient({ ...TOKEN_HTTP, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
}

function basicAuthorization({ clientId, clientSecret }: OAuthClient): string {
  // RFC 6749 §2.3.1: each part form-urlencoded, then base64 of "id:secret".
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

/** The provider's own words from an error answer (`error: error_description`), or "". */
function providerMessage(bodyText: string): string {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return "";
  }
  const parsed = errorAnswer.safeParse(json);
  if (!parsed.success) return "";
  const { error, error_description: description, errors } = parsed.data;
  const text = [error, description, typeof errors === "string" ? errors : undefined].filter(Boolean).join(": ");
  return text ? ` (${text})` : "";
}

type Grant = { what: string; params: Record<string, string> };

/** `client` null: a grant that authenticates itself (a signed JWT assertion, RFC 7523). */
async function requestTokens(endpoint: TokenEndpoint, client: OAuthClient | null, grant: Grant, options: TokenRequestOptions): Promise<{ answer: unknown; startedAt: Date }> {
  const params = client && endpoint.clientAuth === "body" ? { ...grant.params, client_id: client.clientId, client_secret: client.clientSecret } : grant.params;
  const headers: Record<string, string> = client && endpoint.clientAuth === "basic" ? { authorization: basicAuthorization(client) } : {};
  let body: string;
  if (endpoint.bodyFormat === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(params).toString();
  } else {
    body = JSON.stringify(params);
  }
  const startedAt = (options.now ?? (() => new Date()))();
  const response = await clientFor(options).json(endpoint.url, { method: "POST", headers, body, retry: "rejected-only" });
  return { answer: response.body, startedAt };
}

function toTokenSet(answer: unknown, startedAt: Date, what: string, endpoint: TokenEndpoint): OAuthTokenSet {
  const parsed = tokenAnswer.safeParse(answer);
  if (!parsed.success) throw new PermanentError(`${what}: ${endpoint.providerName} answered without an access token`, { status: 200 });
  const t = parsed.data;
  const at = (secondsFromStart: number | undefined) => (secondsFromStart === undefined ? null : new Date(startedAt.getTime() + secondsFromStart * 1000));
  return {
    accessToken: t.access_token,
    accessTokenExpiresAt: at(t.expires_in),
    refreshToken: t.refresh_token ?? null,
    refreshTokenExpiresAt: at(t.refresh_token_expires_in),
    scopes: t.scope === undefined ? null : t.scope.split(/[\s,]+/).filter((s) => s !== ""),
    response: t,
  };
}

// Failures keep their type (what callers decide on) and say what was being done; a refusal (a 4xx
// other than 429) becomes `refusal`'s error, with the provider's own words.
function rethrow(error: unknown, what: string, refusal: (status: number, words: string) => ConnectorError): never {
  if (!(error instanceof ConnectorError)) throw error;
  const { status } = error;
  const options = { status, cause: error };
  if (error instanceof RateLimitedError) throw new RateLimitedError(`${what}: ${error.message}`, { ...options, retryAfterMs: error.retryAfterMs });
  if (error instanceof TransientError) throw new TransientError(`${what}: ${error.message}`, options);
  if (status !== undefined && status >= 400 && status < 500) throw refusal(status, providerMessage(error.responseBody ?? ""));
  throw new PermanentError(`${what}: ${error.message}`, options);
}

/** Exchanges an authorization code (single use) for tokens. A refused code is a PermanentError. */
export async function exchangeAuthorizationCode(
  endpoint: TokenEndpoint,
  client: OAuthClient,
  grant: { code: string; redirectUri: string; extra?: Record<string, string> },
  options: TokenRequestOptions = {},
): Promise<OAuthTokenSet> {
  const what = `${endpoint.providerName} token exchange`;
  const params =
    endpoint.codeGrant === "code-only"
      ? { code: grant.code, ...grant.extra }
      : { grant_type: "authorization_code", code: grant.code, redirect_uri: grant.redirectUri, ...grant.extra };
  try {
    const { answer, startedAt } = await requestTokens(endpoint, client, { what, params }, options);
    return toTokenSet(answer, startedAt, what, endpoint);
  } catch (error) {
    rethrow(error, what, (status, words) => new PermanentError(`${what}: ${endpoint.providerName} refused the code (${status})${words}`, { status }));
  }
}

/**
 * Trades a refresh token for a new access token (RFC 6749 §6). The answer's refresh token
 * replaces the one sent when the provider rotates them; otherwise the one sent stays. A 4xx
 * (invalid_grant: expired, revoked or already rotated away; invalid_client) is AuthExpiredError:
 * only a person re-authorizing helps.
 */
export async function refreshAccessToken(
  endpoint: TokenEndpoint,
  client: OAuthClient,
  grant: { refreshToken: string; extra?: Record<string, string> },
  options: TokenRequestOptions = {},
): Promise<OAuthTokenSet> {
  const what = `${endpoint.providerName} token refresh`;
  try {
    const { answer, startedAt } = await requestTokens(endpoint, client, { what, params: { grant_type: "refresh_token", refresh_token: grant.refreshToken, ...grant.extra } }, options);
    const tokens = toTokenSet(answer, startedAt, what, endpoint);
    return { ...tokens, refreshToken: tokens.refreshToken ?? grant.refreshToken };
  } catch (error) {
    rethrow(error, what, (status, words) => new AuthExpiredError(`${what}: ${endpoint.providerName} refused the refresh token (${status})${words}`, { status }));
  }
}

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/**
 * Trades a signed JWT for an access token (RFC 7523 §2.1: a service account's grant, no client
 * and no refresh token). A 4xx (the key deleted, the account disabled) is AuthExpiredError.
 */
export async function exchangeJwtAssertion(endpoint: Pick<TokenEndpoint, "url" | "providerName">, assertion: string, options: TokenRequestOptions = {}): Promise<OAuthTokenSet> {
  const what = `${endpoint.providerName} JWT grant`;
  const form: TokenEndpoint = { ...endpoint, clientAuth: "body", bodyFormat: "form" };
  try {
    const { answer, startedAt } = await requestTokens(form, null, { what, params: { grant_type: JWT_BEARER_GRANT, assertion } }, options);
    return toTokenSet(answer, startedAt, what, form);
  } catch (error) {
    rethrow(error, what, (status, words) => new AuthExpiredError(`${what}: ${endpoint.providerName} refused the assertion (${status})${words}`, { status }));
  }
}
