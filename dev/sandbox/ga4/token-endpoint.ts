// Google's OAuth token endpoint as a GA4 connector meets it: the JWT-bearer grant (RFC 7523) of a
// service account, whose RS256 assertion is verified against the key the sandbox issued, and the
// authorization_code and refresh_token grants of a user's consent, whose refresh token Google
// does not rotate. The kit's
// tokenEndpoint authenticates a client first, which the JWT-bearer grant has none of, hence this.
import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Clock } from "../_kit/clock";
import { BadRequestBody, readParams, type HttpAnswer } from "../_kit/http";
import type { TokenStore } from "../_kit/oauth-tokens";
import { safeEqual } from "../_kit/signing";
import { ACCESS_TOKEN_SECONDS, GA4_DEV, SCOPES } from "./config";

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Google refuses assertions valid for longer than an hour [U]. */
const MAX_ASSERTION_SECONDS = 3600;
/** Clock skew Google tolerates on `iat` [U]. */
const SKEW_SECONDS = 300;

/** A service account key file as the Cloud console downloads it. */
export interface ServiceAccountKeyFile {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
}

interface UserGrant {
  subject: string;
  scope: string;
}

/** What a restart must keep: the public halves of issued keys, and users' refresh tokens. */
export interface GoogleGrantsState {
  keys: { keyId: string; email: string; publicKey: string }[];
  refreshTokens: [string, UserGrant][];
}

/** Google's token error: RFC 6749 §5.2 (`invalid_client` 401, the others 400). */
function oauthError(error: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "invalid_scope", description: string): HttpAnswer {
  return { status: error === "invalid_client" ? 401 : 400, body: { error, error_description: description } };
}

const base64url = (part: string) => Buffer.from(part, "base64url");

export class GoogleTokenEndpoint {
  private readonly keys = new Map<string, { email: string; publicKey: KeyObject }>();
  private readonly refreshTokens = new Map<string, UserGrant>();
  /** Changes whenever exportState() would. */
  revision = 0;

  constructor(
    private readonly tokens: TokenStore,
    private readonly clock: Clock,
  ) {}

  /** A new key for a service account, as its key file (the sandbox keeps only the public half). */
  createServiceAccountKey(email: string, tokenUri: string): ServiceAccountKeyFile {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyId = randomBytes(20).toString("hex");
    this.keys.set(keyId, { email, publicKey });
    this.revision++;
    return {
      type: "service_account",
      project_id: GA4_DEV.projectId,
      private_key_id: keyId,
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: email,
      client_id: String(BigInt(`0x${keyId.slice(0, 15)}`)),
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: tokenUri,
    };
  }

  deleteServiceAccountKey(keyId: string): boolean {
    this.revision++;
    return this.keys.delete(keyId);
  }

  /** What a user's consent yields: a refresh token and a first access token. */
  issueUserGrant(subject: string, scope: string = SCOPES.readonly) {
    const refreshToken = `1//sandbox-${randomBytes(24).toString("base64url")}`;
    this.refreshTokens.set(refreshToken, { subject, scope });
    this.revision++;
    return { ...this.accessTokenFor(subject, scope), refresh_token: refreshToken };
  }

  revokeRefreshToken(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
    this.revision++;
  }

  exportState(): GoogleGrantsState {
    return {
      keys: [...this.keys].map(([keyId, { email, publicKey }]) => ({ keyId, email, publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() })),
      refreshTokens: [...this.refreshTokens],
    };
  }

  importState(state: GoogleGrantsState): void {
    for (const { keyId, email, publicKey } of state.keys) this.keys.set(keyId, { email, publicKey: createPublicKey(publicKey) });
    for (const [token, grant] of state.refreshTokens) this.refreshTokens.set(token, grant);
    this.revision++;
  }

  private accessTokenFor(subject: string, scope: string) {
    const issued = this.tokens.issue({ subject, scope, clientId: GA4_DEV.client.clientId });
    return { access_token: issued.accessToken, expires_in: ACCESS_TOKEN_SECONDS, scope, token_type: "Bearer" };
  }

  async handle(req: IncomingMessage, url: URL, tokenUri: string): Promise<HttpAnswer> {
    let params: Record<string, string>;
    try {
      params = await readParams(req, url);
    } catch (error) {
      if (error instanceof BadRequestBody) return oauthError("invalid_request", error.message);
      throw error;
    }
    if (params.grant_type === JWT_BEARER) return this.jwtBearer(params.assertion, tokenUri);
    if (params.grant_type === "refresh_token") return this.refresh(req, params);
    if (params.grant_type === "authorization_code") return this.redeem(req, params);
    if (!params.grant_type) return oauthError("unsupported_grant_type", "Invalid grant_type: ");
    return oauthError("unsupported_grant_type", `Invalid grant_type: ${params.grant_type}`);
  }

  private jwtBearer(assertion: string | undefined, tokenUri: string): HttpAnswer {
    if (!assertion) return oauthError("invalid_request", "Missing required parameter: assertion");
    const parts = assertion.split(".");
    if (parts.length !== 3) return oauthError("invalid_grant", "Invalid JWT: the assertion is not a JWS compact serialization.");
    let header: { alg?: string; kid?: string };
    let claims: { iss?: string; scope?: string; aud?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(base64url(parts[0]!).toString("utf8")) as typeof header;
      claims = JSON.parse(base64url(parts[1]!).toString("utf8")) as typeof claims;
    } catch {
      return oauthError("invalid_grant", "Invalid JWT: the header or claim set is not JSON.");
    }
    if (header.alg !== "RS256") return oauthError("invalid_grant", "Invalid JWT: alg must be RS256.");
    const key = header.kid ? this.keys.get(header.kid) : [...this.keys.values()].find((k) => k.email === claims.iss);
    if (!key || key.email !== claims.iss) return oauthError("invalid_grant", "Invalid grant: account not found");
    if (!verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, base64url(parts[2]!))) return oauthError("invalid_grant", "Invalid JWT Signature.");
    if (claims.aud !== tokenUri) return oauthError("invalid_grant", `Invalid JWT: aud must be ${tokenUri}.`);
    const now = Math.floor(this.clock.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== "number" || typeof exp !== "number" || exp <= iat || exp - iat > MAX_ASSERTION_SECONDS || iat > now + SKEW_SECONDS || exp <= now) {
      return oauthError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    }
    const scopes = (claims.scope ?? "").split(" ").filter(Boolean);
    if (!scopes.length) return oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    const { access_token, expires_in, token_type } = this.accessTokenFor(claims.iss, scopes.join(" "));
    // Google's answer to a service account has no refresh token and no scope [U].
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: { access_token, expires_in, token_type } };
  }

  /** The dev client authenticated, by HTTP Basic or `client_id` + `client_secret` in the body. */
  private clientAuthenticated(req: IncomingMessage, params: Record<string, string>): boolean {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [params.client_id, params.client_secret];
    return id === GA4_DEV.client.clientId && secret !== undefined && safeEqual(secret, GA4_DEV.client.clientSecret);
  }

  private redeem(req: IncomingMessage, params: Record<string, string>): HttpAnswer {
    if (!this.clientAuthenticated(req, params)) return oauthError("invalid_client", "The OAuth client was not found.");
    if (!params.code) return oauthError("invalid_request", "Missing required parameter: code");
    const issued = this.tokens.redeemCode(params.code, { clientId: GA4_DEV.client.clientId, redirectUri: params.redirect_uri });
    const checked = issued && this.tokens.check(issued.accessToken);
    if (!issued || checked?.status !== "ok" || !checked.token.subject) return oauthError("invalid_grant", "Malformed auth code.");
    // The store's own pair rotates on refresh; Google's refresh token does not, so the grant gets one of ours.
    this.tokens.revoke(issued.accessToken);
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: this.issueUserGrant(checked.token.subject, issued.scope) };
  }

  private refresh(req: IncomingMessage, params: Record<string, string>): HttpAnswer {
    if (!this.clientAuthenticated(req, params)) return oauthError("invalid_client", "The OAuth client was not found.");
    if (!params.refresh_token) return oauthError("invalid_request", "Missing required parameter: refresh_token");
    const grant = this.refreshTokens.get(params.refresh_token);
    if (!grant) return oauthError("invalid_grant", "Token has been expired or revoked.");
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: this.accessTokenFor(grant.subject, grant.scope) };
  }
}
