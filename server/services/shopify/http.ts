import "server-only";
import { appUrl } from "@/server/env";
import { clientIp } from "@/server/security/client-ip";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { ShopifyInstallError } from "./install-errors";

// Small pieces the Shopify route handlers share, so the handlers stay a few lines each.

/** A redirect to an app path (or an absolute URL), optionally setting cookies. */
export function redirectTo(target: string, cookies: string[] = []): Response {
  const headers = new Headers({ location: new URL(target, `${appUrl()}/`).toString(), "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

/** The friendly error page for a failed install; anything else is a bug and rethrown. */
export function installFailureResponse(error: unknown, cookies: string[] = []): Response {
  if (!(error instanceof ShopifyInstallError)) throw error;
  return redirectTo(`/shopify/error?${new URLSearchParams({ reason: error.reason })}`, cookies);
}

export function requestActor(request: Request, userId: string | null): AuditActor {
  return { actorId: userId, ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
}
