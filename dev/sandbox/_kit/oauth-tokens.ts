import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";

export interface TokenLifetimes {
  /** Seconds. */
  accessTokenSeconds: number;
  /** Seconds from issue. Rotation issues a new one on every use, so this is also "lapses after so long unused". */
  refreshTokenSeconds: number;
  /** Seconds an authorization code can be exchanged. */
  codeSeconds: number;
}

/**
 * What happens to a refresh token once it has been used:
 * - `grace-until-used`: it stays valid until the access token issued in its place is first used
 *   (Shopify since 2026-08: a client that lost the refresh response can recover);
 * - `strict`: it is spent; presenting it again is taken as theft and revokes the whole grant
 *   (refresh token reuse detection, RFC 9700 §4.14.2).
 */
export type RefreshRotation = "grace-until-used" | "strict";

/** Who a grant is for. `scope` is in the provider's own notation (comma- or space-separated). */
export interface GrantInfo {
  scope: string;
  clientId?: string;
  /** The user, account or shop the tokens act for. */
  subject?: string;
  /** The redirect_uri of the authorization request: a code is exchanged only with the same. */
  redirectUri?: string;
}

export interface AccessEntry extends GrantInfo {
  expiresAt: number;
  used: boolean;
  /** Tokens of one grant (one consent, and every rotation after it) share this. */
  grant?: string;
}

export interface RefreshEntry extends GrantInfo {
  expiresAt: number;
  /** The access token issued together with this refresh token. */
  pairedAccessToken: string;
  /** Set once this token was rotated: the access token issued in its place. */
  supersededBy?: string;
  grant?: string;
}

/** A pair just issued. */
export interface Issued {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
  scope: string;
  grant: string;
}

export type TokenCheck = { status: "ok"; token: AccessEntry } | { status: "unknown" | "expired" };
export type RefreshFailure = "unknown" | "expired" | "reused" | "wrong-client";

/** Live tokens, as saved to the dev state file (codes are short-lived and not kept). */
export interface TokenState {
  access: [string, AccessEntry][];
  refresh: [string, RefreshEntry][];
}

export interface TokenStoreOptions {
  clock: Clock;
  lifetimes: TokenLifetimes;
  rotation: RefreshRotation;
  /** Token prefixes, as the provider's tokens look (Shopify: `shpat_`, `shprt_`). */
  prefixes?: { access?: string; refresh?: string };
}

/**
 * The tokens of an OAuth 2.0 authorization server: single-use authorization codes, expiring access
 * tokens, rotating refresh tokens, revocation.
 */
export class TokenStore {
  private readonly codes = new Map<string, GrantInfo & { expiresAt: number }>();
  private readonly access = new Map<string, AccessEntry>();
  private readonly refreshTokens = new Map<string, RefreshEntry>();
  /** Bumped on every change: the state file writes only then. */
  revision = 0;

  constructor(private readonly options: TokenStoreOptions) {}

  get lifetimes(): TokenLifetimes {
    return this.options.lifetimes;
  }

  private now(): number {
    return this.options.clock.now();
  }

  issueCode(grant: GrantInfo): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { ...grant, expiresAt: this.now() + this.options.lifetimes.codeSeconds * 1000 });
    return code;
  }

  /** Consumes the code; null when it is unknown, used, expired, or exchanged by another client or redirect_uri. */
  redeemCode(code: string, by: { clientId?: string; redirectUri?: string } = {}): Issued | null {
    const entry = this.codes.get(code);
    if (!entry) return null;
    this.codes.delete(code);
    if (entry.expiresAt < this.now()) return null;
    if (entry.clientId !== undefined && by.clientId !== undefined && entry.clientId !== by.clientId) return null;
    if (entry.redirectUri !== undefined && by.redirectUri !== undefined && entry.redirectUri !== by.redirectUri) return null;
    const { expiresAt: _, ...grant } = entry;
    return this.issue(grant);
  }

  /** A fresh pair for a new grant (a consent, or a test's shortcut install). */
  issue(grant: GrantInfo, grantId = randomBytes(8).toString("hex")): Issued {
    const now = this.now();
    const { accessTokenSeconds, refreshTokenSeconds } = this.options.lifetimes;
    const accessToken = `${this.options.prefixes?.access ?? ""}${randomBytes(16).toString("hex")}`;
    const refreshToken = `${this.options.prefixes?.refresh ?? ""}${randomBytes(16).toString("hex")}`;
    this.access.set(accessToken, { ...grant, expiresAt: now + accessTokenSeconds * 1000, used: false, grant: grantId });
    this.refreshTokens.set(refreshToken, { ...grant, expiresAt: now + refreshTokenSeconds * 1000, pairedAccessToken: accessToken, grant: grantId });
    this.revision++;
    return { accessToken, refreshToken, expiresIn: accessTokenSeconds, refreshExpiresIn: refreshTokenSeconds, scope: grant.scope, grant: grantId };
  }

  /** Rotates: a new pair in the same grant (with `scope` when the provider re-reads it), or why not. */
  refresh(refreshToken: string, by: { clientId?: string; scope?: string } = {}): Issued | RefreshFailure {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry) return "unknown";
    if (entry.expiresAt < this.now()) return "expired";
    if (entry.clientId !== undefined && by.clientId !== undefined && entry.clientId !== by.clientId) return "wrong-client";
    if (entry.supersededBy !== undefined && this.options.rotation === "strict") {
      this.revokeGrant(entry.grant ?? refreshToken);
      return "reused";
    }
    const { expiresAt: _e, pairedAccessToken: _p, supersededBy: _s, grant, ...info } = entry;
    const issued = this.issue({ ...info, scope: by.scope ?? info.scope }, grant);
    entry.supersededBy = issued.accessToken;
    return issued;
  }

  /** Checks an access token; its first use retires the refresh tokens it replaced (grace rotation). */
  check(token: string): TokenCheck {
    const entry = this.access.get(token);
    if (!entry) return { status: "unknown" };
    if (entry.expiresAt <= this.now()) return { status: "expired" };
    if (!entry.used) {
      entry.used = true;
      if (this.options.rotation === "grace-until-used") {
        for (const [value, refresh] of this.refreshTokens) if (refresh.supersededBy === token) this.refreshTokens.delete(value);
      }
      this.revision++;
    }
    return { status: "ok", token: entry };
  }

  /**
   * RFC 7009 revocation: a refresh token takes its whole grant with it; an access token only
   * itself. Unknown tokens are ignored (the endpoint answers 200 all the same).
   */
  revoke(token: string): void {
    const refresh = this.refreshTokens.get(token);
    if (refresh) return this.revokeGrant(refresh.grant ?? token);
    if (this.access.delete(token)) this.revision++;
  }

  /** Every token of the grant `token` belongs to: the user disconnected the app, or the provider revoked it. */
  revokeGrantOf(token: string): void {
    const entry = this.access.get(token) ?? this.refreshTokens.get(token);
    if (entry) this.revokeGrant(entry.grant ?? token);
  }

  /** Every token of one grant. */
  revokeGrant(grant: string): void {
    for (const [value, entry] of this.access) if ((entry.grant ?? value) === grant) this.access.delete(value);
    for (const [value, entry] of this.refreshTokens) if ((entry.grant ?? value) === grant) this.refreshTokens.delete(value);
    this.revision++;
  }

  /** Makes every code and token invalid (an uninstall, a password reset). */
  revokeAll(): void {
    this.codes.clear();
    this.access.clear();
    this.refreshTokens.clear();
    this.revision++;
  }

  /** Lets a test expire the current access tokens without moving the clock. */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, this.now());
    this.revision++;
  }

  exportState(): TokenState {
    const now = this.now();
    return {
      access: [...this.access].filter(([, t]) => t.expiresAt > now),
      refresh: [...this.refreshTokens].filter(([, t]) => t.expiresAt > now),
    };
  }

  importState(state: TokenState): void {
    for (const [token, entry] of state.access) this.access.set(token, entry);
    for (const [token, entry] of state.refresh) this.refreshTokens.set(token, entry);
    this.revision++;
  }
}
