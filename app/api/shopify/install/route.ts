import { signInUrlFor } from "@/server/auth/paths";
import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { beginShopifyInstall, verifyShopifyLaunch } from "@/server/services/shopify/begin-install";
import { installFailureResponse, redirectTo } from "@/server/services/shopify/http";
import { installStateCookieHeader } from "@/server/services/shopify/install-state";

export const dynamic = "force-dynamic";

// Two ways in: Shopify opening the app (signed `shop`, `timestamp`, `hmac`) goes to the
// workspace picker; Meridian's own form (`workspace`, `shop`) goes to Shopify's consent screen.
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(params);
  if (refused) return refused;
  try {
    if (params.has("hmac")) {
      const { shop } = await verifyShopifyLaunch(params);
      return redirectTo(`/shopify/install?${new URLSearchParams({ shop })}`);
    }
    const session = await sessionFromCookie(db, request.headers);
    if (!session) return redirectTo(signInUrlFor(`/api/shopify/install?${params}`));
    const { authorizeUrl, stateCookieValue } = await beginShopifyInstall({
      userId: session.user.id,
      workspaceSlug: params.get("workspace") ?? "",
      shop: params.get("shop"),
    });
    return redirectTo(authorizeUrl, [installStateCookieHeader(stateCookieValue)]);
  } catch (error) {
    return installFailureResponse(error);
  }
}
