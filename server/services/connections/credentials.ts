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

const exchangedAccess = z.object({ accessToken: z.string().min(1), accessTokenExpiresAt: z.iso.datetime().nullable(), scopes: z.array(z.string()) });
export type ExchangedAccess = z.infer<typeof exchangedAccess>;

/**
 * What a connector that trades its values for access tokens (CredentialsAuth.exchange) stores:
 * the values and the last token traded for them, null until the first trade.
 */
export type ExchangedCredentials<Values> = { values: Values; access: ExchangedAccess | null };

export function sealExchangedCredentials<Values>(credentials: ExchangedCredentials<Values>): string {
  return encryptJson({ values: credentials.values, access: credentials.access && exchangedAccess.parse(credentials.access) });
}

export function openExchangedCredentials<Values>(sealed: string, schema: z.ZodType<Values, unknown>): ExchangedCredentials<Values> {
  const opened = z.object({ values: z.unknown(), access: exchangedAccess.nullable() }).parse(decryptJson(sealed));
  return { values: schema.parse(opened.values), access: opened.access };
}
