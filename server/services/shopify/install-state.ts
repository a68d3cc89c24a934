import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/server/env";
import { ShopifyInstallError } from "./install-errors";

// The OAuth `state` nonce, bound to the browser by a signed cookie that also carries what the
// install is for (workspace, shop) and who started it. The cookie is HMAC-signed with a key
// derived from AUTH_SECRET, so it cannot be forged or edited, and expires after 10 minutes.

export const INSTALL_STATE_COOKIE = "meridian_shopify_install";
const INSTALL_STATE_TTL_SECONDS = 600;

const payloadSchema = z.object({
  nonce: z.string().min(1),
  workspaceId: z.string().min(1),
  shop: z.string().min(1),
  userId: z.string().min(1),
  expiresAt: z.number().int(),
});

export type InstallState = z.infer<typeof payloadSchema>;

let signingKey: Buffer | undefined;
function key(): Buffer {
  signingKey ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", "meridian/shopify-install-state", 32));
  return signingKey;
}

function sign(data: string): string {
  return createHmac("sha256", key()).update(data).digest("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createInstallState(input: Omit<InstallState, "nonce" | "expiresAt">, now = new Date()): { state: InstallState; cookieValue: string } {
  const state: InstallState = {
    ...input,
    nonce: randomBytes(24).toString("base64url"),
    expiresAt: Math.floor(now.getTime() / 1000) + INSTALL_STATE_TTL_SECONDS,
  };
  const data = Buffer.from(JSON.stringify(state)).toString("base64url");
  return { state, cookieValue: `${data}.${sign(data)}` };
}

export function installStateCookieHeader(cookieValue: string): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${INSTALL_STATE_COOKIE}=${cookieValue}; Path=/api/shopify; Max-Age=${INSTALL_STATE_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

export function clearInstallStateCookieHeader(): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${INSTALL_STATE_COOKIE}=; Path=/api/shopify; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  for (const pair of cookieHeader?.split(";") ?? []) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The install this callback belongs to: the cookie must be ours (signature), unexpired, and its
 * nonce must equal the `state` Shopify echoed back (timing-safe).
 */
export function verifyInstallState(cookieValue: string | undefined, stateParam: string | null, now = new Date()): InstallState {
  if (!cookieValue) throw new ShopifyInstallError("state_missing");
  const [data, signature, extra] = cookieValue.split(".");
  if (!data || !signature || extra !== undefined || !safeEqual(signature, sign(data))) throw new ShopifyInstallError("state_missing");
  const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(data, "base64url").toString("utf8")));
  if (!parsed.success) throw new ShopifyInstallError("state_missing");
  if (parsed.data.expiresAt * 1000 <= now.getTime()) throw new ShopifyInstallError("state_expired");
  if (!stateParam || !safeEqual(stateParam, parsed.data.nonce)) throw new ShopifyInstallError("state_mismatch");
  return parsed.data;
}
