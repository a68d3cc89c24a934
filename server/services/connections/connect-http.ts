import "server-only";
import { ConnectError } from "@/server/connectors/_core/auth";
import { OAUTH_STATE_TTL_SECONDS } from "@/server/connectors/_core/oauth-state";
import { appUrl, env } from "@/server/env";
import { clientIp } from "@/server/security/client-ip";
import type { AuditActor } from "@/server/services/audit/record-audit";

// What the connect route handlers share (app/api/connections/[provider]/install and callback), so
// each handler stays a few lines: the redirects, the state cookie and who is acting.

/** The signed OAuth state (server/connectors/_core/oauth-state.ts) travels in this cookie. */
export const CONNECT_STATE_COOKIE = "meridian_connect_state";

// Only the connect routes read it; Lax, because the provider's redirect back is a top-level GET
// from another site. It lives as long as the state is valid.
function stateCookie(value: string, maxAgeSeconds: number): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${CONNECT_STATE_COOKIE}=${value}; Path=/api/connections; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export function connectStateCookieHeader(cookieValue: string): string {
  return stateCookie(cookieValue, OAUTH_STATE_TTL_SECONDS);
}

export function clearConnectStateCookieHeader(): string {
  return stateCookie("", 0);
}

/** An OAuth grant waiting for the person to pick its account (pending-account-choice.ts). */
export const PENDING_CHOICE_COOKIE = "meridian_connect_choice";

// Read by the page that lists the accounts and by the route the pick is posted to, hence the
// whole site's path; Lax, as it is set by the provider's redirect back.
function pendingChoiceCookie(value: string, maxAgeSeconds: number): string {
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${PENDING_CHOICE_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export function pendingChoiceCookieHeader(cookieValue: string): string {
  return pendingChoiceCookie(cookieValue, OAUTH_STATE_TTL_SECONDS);
}

export function clearPendingChoiceCookieHeader(): string {
  return pendingChoiceCookie("", 0);
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  for (const pair of cookieHeader?.split(";") ?? []) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** A redirect to an app path (or an absolute URL), optionally setting cookies; 303 after a form post. */
export function redirectTo(target: string, cookies: string[] = [], status: 302 | 303 = 302): Response {
  const headers = new Headers({ location: new URL(target, `${appUrl()}/`).toString(), "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status, headers });
}

/** The error page for a failed connect (its message comes from the reason); anything else is a bug and rethrown. */
export function connectFailureResponse(providerSlug: string, error: unknown, cookies: string[] = []): Response {
  if (!(error instanceof ConnectError)) throw error;
  return redirectTo(`/connect/error?${new URLSearchParams({ provider: providerSlug, reason: error.reason })}`, cookies);
}

export function requestActor(request: Request, userId: string | null): AuditActor {
  return { actorId: userId, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
}
