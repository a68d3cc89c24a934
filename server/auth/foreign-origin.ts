// No server imports: the proxy bundles it.

/**
 * A POST to a page whose Origin names another host: a cross-site form aimed at a Server Action.
 * Next.js refuses those itself but answers with a 500, so the proxy refuses them first with a 403.
 * The rule is Next's own (app-render/action-handler.js): the Origin's host must equal the first
 * X-Forwarded-Host, else Host; "null" (a sandboxed or privacy-stripped origin) never matches; a
 * request without Origin is not a browser's cross-site post and goes on to Next.
 */
export function isForeignOriginPost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (request.method !== "POST" || origin === null) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return originHost(origin) !== host;
}

function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
