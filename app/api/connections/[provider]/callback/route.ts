import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { afterConnect } from "@/server/services/connections/after-connect";
import { completeConnect } from "@/server/services/connections/complete-connect";
import {
  clearConnectStateCookieHeader,
  CONNECT_STATE_COOKIE,
  connectFailureResponse,
  pendingChoiceCookieHeader,
  readCookie,
  redirectTo,
  requestActor,
} from "@/server/services/connections/connect-http";
import { oauthProviderOfSlug } from "@/server/services/connections/oauth-connector";

export const dynamic = "force-dynamic";

// The provider's redirect after consent. The state cookie is cleared whatever happens: one use
// only. A grant that opens several accounts goes on to the page where the person picks one.
export async function GET(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider: slug } = await params;
  const provider = oauthProviderOfSlug(slug);
  if (!provider) return new Response("Not found", { status: 404 });
  const clearState = clearConnectStateCookieHeader();
  const query = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(query);
  if (refused) {
    refused.headers.append("set-cookie", clearState);
    return refused;
  }
  try {
    const session = await sessionFromCookie(db, request.headers);
    const userId = session?.user.id ?? null;
    const connected = await completeConnect({
      provider,
      query,
      stateCookieValue: readCookie(request.headers.get("cookie"), CONNECT_STATE_COOKIE),
      userId,
      actor: requestActor(request, userId),
    });
    if ("kind" in connected) return redirectTo(`/connect/${slug}/account`, [clearState, pendingChoiceCookieHeader(connected.cookieValue)]);
    await afterConnect(connected);
    return redirectTo(`/w/${connected.workspaceSlug}/connections?${new URLSearchParams({ connected: connected.displayName })}`, [clearState]);
  } catch (error) {
    return connectFailureResponse(slug, error, [clearState]);
  }
}
