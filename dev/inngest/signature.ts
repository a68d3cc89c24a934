// The request signing the Inngest SDK verifies (see RequestSignature in the SDK): HMAC-SHA256 of
// the canonical JSON body (RFC 8785) followed by the unix timestamp, keyed with the signing key
// minus its `signkey-<env>-` prefix (the hex text itself, not its bytes).
import { createHmac, timingSafeEqual } from "node:crypto";

const KEY_PREFIX = /^signkey-[\w]+-/;

/** RFC 8785 canonical JSON: sorted object keys, no whitespace; what the SDK signs. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

export function signBody(body: string, signingKey: string, unixSeconds = Math.round(Date.now() / 1000)): string {
  const mac = createHmac("sha256", signingKey.replace(KEY_PREFIX, "")).update(body).update(String(unixSeconds)).digest("hex");
  return `t=${unixSeconds}&s=${mac}`;
}

/** Checks an `X-Inngest-Signature` value against `body` (the app signs its responses the same way). */
export function verifySignature(header: string, body: string, signingKey: string): boolean {
  const params = new URLSearchParams(header);
  const t = Number(params.get("t"));
  const s = params.get("s") ?? "";
  if (!Number.isInteger(t) || !s) return false;
  const expected = new URLSearchParams(signBody(body, signingKey, t)).get("s")!;
  return expected.length === s.length && timingSafeEqual(Buffer.from(expected), Buffer.from(s));
}

/** The bearer token the SDK sends (register, checkpoints, REST API): one implementation, the product's. */
export { hashSigningKey } from "@/inngest/signing-key";
