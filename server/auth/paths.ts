// Pure routing rules shared by proxy.ts and the sign-in flow (no server imports: the proxy bundles it).

export const SIGN_IN_PATH = "/signin";
export const VERIFY_REQUEST_PATH = "/verify-request";

// Auth.js's cookie names: the __Secure- prefix is used when cookies are secure (production).
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

// /connect/error: a provider's launch that failed verification (a bad signature) arrives without
// a session; it must see why, not a sign-in form. The other /connect pages act on a workspace and
// stay private.
const PUBLIC_PREFIXES = ["/signin", "/verify-request", "/invite", "/api", "/dev", "/_next", "/connect/error"];
const PUBLIC_FILES = new Set(["/favicon.ico", "/robots.txt", "/sitemap.xml", "/manifest.webmanifest"]);
// Anything with a file extension in its last segment is a static asset from public/.
const STATIC_FILE = /\/[^/]+\.[a-z0-9]+$/i;

/** Paths anyone may open without a session cookie. Everything else is an app page. */
export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_FILES.has(pathname) || STATIC_FILE.test(pathname)) return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * A callback target we are willing to send the user back to: a same-origin path only. Anything
 * else (absolute URLs, protocol-relative `//host`, backslash tricks) falls back to "/".
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}

/** Where a sent link is announced: the address it went to, and where the link leads, for a resend. */
export function verifyRequestUrl(email: string, callbackPath: string, options: { resent?: boolean } = {}): string {
  const query = new URLSearchParams({ email, callbackUrl: safeCallbackPath(callbackPath) });
  if (options.resent) query.set("resent", "1");
  return `${VERIFY_REQUEST_PATH}?${query}`;
}

export function signInUrlFor(callbackPath: string): string {
  const target = safeCallbackPath(callbackPath);
  return target === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ callbackUrl: target })}`;
}
