import "server-only";
import { z } from "zod";
import type { ShopifyTokenSet } from "@/server/connectors/shopify/oauth";
import { decryptJson, encryptJson } from "@/server/security/encryption";

// The JSON sealed into Connection.encryptedCredentials for a Shopify connection (plan contract).
export const shopifyCredentials = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.iso.datetime().nullable(),
  scopes: z.array(z.string()),
});

export type ShopifyCredentials = z.infer<typeof shopifyCredentials>;

export function serializeTokens(tokens: ShopifyTokenSet): ShopifyCredentials {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt?.toISOString() ?? null,
    scopes: tokens.scopes,
  };
}

export function sealShopifyCredentials(credentials: ShopifyCredentials): string {
  return encryptJson(shopifyCredentials.parse(credentials));
}

export function openShopifyCredentials(sealed: string): ShopifyCredentials {
  return shopifyCredentials.parse(decryptJson(sealed));
}
