import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";

export interface TokenLifetimes {
  /** Seconds. Default 3600, like Shopify's expiring offline tokens. */
  accessTokenSeconds: number;
  /** Seconds. Default 90 days. */
  refreshTokenSeconds: number;
  /** Seconds an authorization code can be exchanged. Default 600. */
  codeSeconds: number;
}

export interface TokenResponse {
  access_token: string;
  scope: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
}

export interface AccessToken {
  expiresAt: number;
  used: boolean;
}

export interface RefreshToken {
  expiresAt: number;
  /** The access token issued together with this refresh token. */
  pairedAccessToken: string;
  /** Set once this token was rotated: it stays valid until that successor's access token is used. */
  supersededBy?: string;
}

export type TokenCheck = "ok" | "unknown" | "expired";

/** Live tokens, as saved to the dev state file. */
export interface TokenState {
  access: [string, AccessToken][];
  refresh: [string, RefreshToken][];
}

/**
 * The tokens one app holds for one shop: single-use authorization codes, expiring access tokens,
 * rotating refresh tokens (the previous one stays valid until the new access token is first used,
 * as Shopify does since 2026-08).
 */
export class TokenStore {
  private readonly codes = new Map<string, { expiresAt: number }>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly clock: Clock,
    readonly lifetimes: TokenLifetimes,
  ) {}

  issueCode(): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { expiresAt: this.clock.now() + this.lifetimes.codeSeconds * 1000 });
    return code;
  }

  /** Consumes the code; null when it is unknown, used or expired. */
  redeemCode(code: string, scope: string): TokenResponse | null {
    const entry = this.codes.get(code);
    if (!entry) return null;
    this.codes.delete(code);
    if (entry.expiresAt < this.clock.now()) return null;
    return this.issuePair(scope);
  }

  /** Rotates: null when the refresh token is unknown, expired or revoked. */
  rotate(refreshToken: string, scope: string): TokenResponse | null {
    const entry = this.refresh.get(refreshToken);
    if (!entry || entry.expiresAt < this.clock.now()) return null;
    const issued = this.issuePair(scope);
    entry.supersededBy = issued.access_token;
    return issued;
  }

  issuePair(scope: string): TokenResponse {
    const now = this.clock.now();
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    this.access.set(accessToken, { expiresAt: now + this.lifetimes.accessTokenSeconds * 1000, used: false });
    this.refresh.set(refreshToken, { expiresAt: now + this.lifetimes.refreshTokenSeconds * 1000, pairedAccessToken: accessToken });
    return {
      access_token: accessToken,
      scope,
      expires_in: this.lifetimes.accessTokenSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: this.lifetimes.refreshTokenSeconds,
    };
  }

  /** Checks an Admin API token; its first use retires the refresh tokens it replaced. */
  useAccessToken(token: string): TokenCheck {
    const entry = this.access.get(token);
    if (!entry) return "unknown";
    if (entry.expiresAt <= this.clock.now()) return "expired";
    if (!entry.used) {
      entry.used = true;
      for (const [value, refresh] of this.refresh) if (refresh.supersededBy === token) this.refresh.delete(value);
    }
    return "ok";
  }

  /** Makes every code and token of this shop invalid (uninstall, revoke). */
  revokeAll(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
  }

  /** Unexpired tokens, for the dev state file (codes are short-lived and not kept). */
  exportState(): TokenState {
    const now = this.clock.now();
    return {
      access: [...this.access].filter(([, t]) => t.expiresAt > now),
      refresh: [...this.refresh].filter(([, t]) => t.expiresAt > now),
    };
  }

  importState(state: TokenState): void {
    for (const [token, entry] of state.access) this.access.set(token, entry);
    for (const [token, entry] of state.refresh) this.refresh.set(token, entry);
  }

  /** Lets a test expire the current access tokens without moving the clock. */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, this.clock.now());
  }
}
