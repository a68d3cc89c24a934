import { createHash } from "node:crypto";

/**
 * The bearer token the SDK authenticates with against Inngest's APIs (register, checkpoints, REST):
 * the key's `signkey-<env>-` prefix followed by the sha256 of the hex-decoded rest, as the SDK's
 * hashSigningKey (inngest/helpers/strings.js) computes it. No imports beyond node:crypto, so the
 * local runner (dev/inngest) checks tokens with this same function.
 */
export function hashSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return prefix + createHash("sha256").update(Buffer.from(signingKey.slice(prefix.length), "hex")).digest("hex");
}
