import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { afterShopifyInstall } from "@/server/services/shopify/after-install";
import { completeShopifyInstall } from "@/server/services/shopify/complete-install";
import { installFailureResponse, redirectTo, requestActor } from "@/server/services/shopify/http";
import { clearInstallStateCookieHeader, INSTALL_STATE_COOKIE, readCookie } from "@/server/services/shopify/install-state";

export const dynamic = "force-dynamic";

// Shopify's redirect after consent. The state cookie is cleared whatever happens: one use only.
export async function GET(request: Request) {
  const clearState = clearInstallStateCookieHeader();
  const query = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(query);
  if (refused) {
    refused.headers.append("set-cookie", clearState);
    return refused;
  }
  try {
    const session = await sessionFromCookie(db, request.headers);
    const userId = session?.user.id ?? null;
    const installed = await completeShopifyInstall({
      query,
      stateCookieValue: readCookie(request.headers.get("cookie"), INSTALL_STATE_COOKIE),
      userId,
      actor: requestActor(request, userId),
    });
    await afterShopifyInstall(installed);
    return redirectTo(`/w/${installed.workspaceSlug}/connections?${new URLSearchParams({ connected: installed.shop })}`, [clearState]);
  } catch (error) {
    return installFailureResponse(error, [clearState]);
  }
}
