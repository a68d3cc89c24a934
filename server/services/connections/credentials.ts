import "server-only";
import { z } from "zod";
import type { OAuthTokenSet } from "@/server/connectors/_core/oauth";
import { decryptJson, encryptJson } from "@/server/security/encryption";

// What Connection.encryptedCredentials holds, sealed (AES-256-GCM with the key's id, see
// server/security/encryption.ts): for an OAuth connection the token set below, for a credentials
// connection the values its connector's schema accepted. Plaintext never reaches the database.

export const oauthCredentials = z.object({
  accessToken: z.string().min(1),
  /** Null: the provider's access tokens do not expire. */
  accessTokenExpiresAt: z.iso.datetime().nullable(),
  /** Null: the provider issued none (the access token then lasts until revoked). */
  refreshToken: z.string().min(1).nullable(),
  refreshTokenExpiresAt: z.iso.datetime().nullable(),
  scopes: z.array(z.string()),
});

export type OAuthCredentials = z.infer<typeof oauthCredentials>;

/**
 * The stored form of a grant. After a refresh, what the answer left out is kept from `previous`:
 * the refresh token when the provider does not rotate it, the scopes when it does not repeat them.
 */
export function serializeTokens(tokens: OAuthTokenSet, previous?: OAuthCredentials): OAuthCredentials {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt?.toISOString() ?? null,
    refreshToken: tokens.refreshToken ?? previous?.refreshToken ?? null,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt?.toISOString() ?? (tokens.refreshToken ? null : (previous?.refreshTokenExpiresAt ?? null)),
    scopes: tokens.scopes ?? previous?.scopes ?? [],
  };
}

export function sealOAuthCredentials(credentials: OAuthCredentials): string {
  return encryptJson(oauthCredentials.parse(credentials));
}

export function openOAuthCredentials(sealed: string): OAuthCredentials {
  return oauthCredentials.parse(decryptJson(sealed));
}

/** A credentials connector's values, as its schema accepted them. */
export function sealCredentialValues(values: unknown): string {
  return encryptJson(values);
}

export function openCredentialValues<Values>(sealed: string, schema: z.ZodType<Values, unknown>): Values {
  return schema.parse(decryptJson(sealed));
}
