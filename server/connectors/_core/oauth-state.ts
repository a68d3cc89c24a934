import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// The OAuth `state`: a random nonce sent to the provider, bound to the browser by a cookie that
// carries what the connect is for (provider, workspace, account) and who started it. The cookie is
// HMAC-signed with a key derived from the server's secret, so it cannot be forged or edited, and
// it expires after 10 minutes. The callback clears it whatever happens, so it serves one
// callback; the authorization code it comes with is single-use at the provider too.

export const OAUTH_STATE_TTL_SECONDS = 600;

const payload = z.object({
  nonce: z.string().min(1),
  provider: z.string().min(1),
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  /** The account asked for before the redirect (a store's domain), when the provider asks one. */
  account: z.string().min(1).nullable(),
  expiresAt: z.number().int(),
});

export type OAuthState = z.infer<typeof payload>;

export type OAuthStateFailure = "state_missing" | "state_expired" | "state_mismatch";

export class OAuthStateError extends Error {
  constructor(readonly reason: OAuthStateFailure) {
    super(`OAuth state refused: ${reason}`);
    this.name = "OAuthStateError";
  }
}

const keys = new Map<string, Buffer>();
function signingKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", "meridian/oauth-state", 32));
    keys.set(secret, key);
  }
  return key;
}

function sign(secret: string, data: string): string {
  return createHmac("sha256", signingKey(secret)).update(data).digest("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A new state: `nonce` goes into the authorize URL, `cookieValue` into the browser. */
export function createOAuthState(
  secret: string,
  input: Omit<OAuthState, "nonce" | "expiresAt">,
  now = new Date(),
): { state: OAuthState; cookieValue: string } {
  const state: OAuthState = {
    ...input,
    nonce: randomBytes(24).toString("base64url"),
    expiresAt: Math.floor(now.getTime() / 1000) + OAUTH_STATE_TTL_SECONDS,
  };
  const data = Buffer.from(JSON.stringify(state)).toString("base64url");
  return { state, cookieValue: `${data}.${sign(secret, data)}` };
}

function readCookieValue(secret: string, cookieValue: string | undefined): OAuthState {
  if (!cookieValue) throw new OAuthStateError("state_missing");
  const [data, signature, extra] = cookieValue.split(".");
  if (!data || !signature || extra !== undefined || !safeEqual(signature, sign(secret, data))) throw new OAuthStateError("state_missing");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, "base64url").toString("utf8"));
  } catch {
    throw new OAuthStateError("state_missing");
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) throw new OAuthStateError("state_missing");
  return parsed.data;
}

/**
 * The connect this callback belongs to: the cookie must be ours (signature), unexpired, started
 * for this provider, and its nonce must equal the `state` the provider echoed back (timing-safe).
 */
export function verifyOAuthState(
  secret: string,
  callback: { cookieValue: string | undefined; state: string | null; provider: string },
  now = new Date(),
): OAuthState {
  const state = readCookieValue(secret, callback.cookieValue);
  if (state.expiresAt * 1000 <= now.getTime()) throw new OAuthStateError("state_expired");
  if (state.provider !== callback.provider) throw new OAuthStateError("state_mismatch");
  if (!callback.state || !safeEqual(callback.state, state.nonce)) throw new OAuthStateError("state_mismatch");
  return state;
}
