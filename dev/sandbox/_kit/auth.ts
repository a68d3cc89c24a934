import type { IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import type { ActiveFault } from "./faults";
import type { TokenStore } from "./oauth-tokens";

/** `Authorization: Bearer <token>` (the scheme is case-insensitive, RFC 7235). */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
}

/** A token in a header of the provider's own (`X-Shopify-Access-Token`, `x-amz-access-token`). */
export function headerToken(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === "string" && value ? value : undefined;
}

export type AuthResult = { ok: true; subject: string | undefined; scope: string } | { ok: false; reason: "missing" | "unknown" | "expired" | "revoked" };

/**
 * API keys and personal access tokens: they never expire and act for one subject (an account, a
 * user) until revoked. ShipBob's PATs, a WooCommerce key pair's consumer key.
 */
export class ApiKeys {
  private readonly keys = new Map<string, { subject: string; scope: string }>();
  /** Bumped on every change: the state file writes only then. */
  revision = 0;

  constructor(private readonly prefix = "") {}

  /** A new key for `subject` (or `key` itself, for fixed dev credentials). */
  create(subject: string, scope = "", key = `${this.prefix}${randomBytes(16).toString("hex")}`): string {
    this.keys.set(key, { subject, scope });
    this.revision++;
    return key;
  }

  revoke(key: string): void {
    if (this.keys.delete(key)) this.revision++;
  }

  check(key: string): AuthResult {
    const entry = this.keys.get(key);
    return entry ? { ok: true, subject: entry.subject, scope: entry.scope } : { ok: false, reason: "unknown" };
  }

  exportState(): [string, { subject: string; scope: string }][] {
    return [...this.keys];
  }

  importState(state: [string, { subject: string; scope: string }][]): void {
    for (const [key, entry] of state) this.keys.set(key, entry);
    this.revision++;
  }
}

/** Where a presented token can be valid: OAuth access tokens, API keys, or both (ShipBob takes either). */
export interface Credentials {
  tokens?: TokenStore;
  apiKeys?: ApiKeys;
}

/**
 * Checks a presented token against the provider's credentials. A `revoked` fault revokes it
 * first, with its whole grant (the user disconnected the app, the provider rotated keys), so it
 * and its refresh token stay refused afterwards, as after a real revocation.
 */
export function authenticate(token: string | undefined, credentials: Credentials, fault?: ActiveFault<string, string>): AuthResult {
  if (!token) return { ok: false, reason: "missing" };
  if (fault?.kind === "revoked") {
    credentials.tokens?.revokeGrantOf(token);
    credentials.apiKeys?.revoke(token);
    return { ok: false, reason: "revoked" };
  }
  const key = credentials.apiKeys?.check(token);
  if (key?.ok) return key;
  const checked = credentials.tokens?.check(token);
  if (checked?.status === "ok") return { ok: true, subject: checked.token.subject, scope: checked.token.scope };
  return { ok: false, reason: checked?.status === "expired" ? "expired" : "unknown" };
}
