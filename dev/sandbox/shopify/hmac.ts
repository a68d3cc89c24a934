import { hmacBase64, hmacHex, safeEqual } from "../_kit/signing";

/**
 * The query-string HMAC Shopify puts on install requests and OAuth callbacks: hex HMAC-SHA256 with
 * the app secret over the params minus `hmac`/`signature`, sorted by key (localeCompare, as
 * @shopify/shopify-api does) and serialized with URLSearchParams.
 */
export function queryHmac(params: Record<string, string>, secret: string): string {
  const entries = Object.entries(params)
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b));
  return hmacHex(new URLSearchParams(entries).toString(), secret);
}

/** Adds `hmac` to the params. */
export function signQuery(params: Record<string, string>, secret: string): Record<string, string> {
  return { ...params, hmac: queryHmac(params, secret) };
}

export function verifyQueryHmac(params: Record<string, string>, secret: string): boolean {
  return safeEqual(params.hmac ?? "", queryHmac(params, secret));
}

/** Webhook deliveries: base64 HMAC-SHA256 of the raw body. */
export function webhookHmac(body: string | Buffer, secret: string): string {
  return hmacBase64(body, secret);
}
