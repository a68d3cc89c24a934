import { signInUrlFor } from "@/server/auth/paths";
import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { refuseNulQueryParameters } from "@/server/security/nul-bytes";
import { beginConnect, isProviderLaunch, verifyProviderLaunch } from "@/server/services/connections/begin-connect";
import { connectFailureResponse, connectStateCookieHeader, redirectTo } from "@/server/services/connections/connect-http";
import { oauthProviderOfSlug } from "@/server/services/connections/oauth-connector";

export const dynamic = "force-dynamic";

// Two ways in: the provider opening the app (a query it signed) goes to the workspace picker;
// Meridian's own start (`workspace` and the account field) goes to the provider's consent screen.
export async function GET(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider: slug } = await params;
  const provider = oauthProviderOfSlug(slug);
  if (!provider) return new Response("Not found", { status: 404 });
  const query = new URL(request.url).searchParams;
  const refused = refuseNulQueryParameters(query);
  if (refused) return refused;
  try {
    if (isProviderLaunch(provider, query)) {
      const { account } = await verifyProviderLaunch(provider, query);
      return redirectTo(`/connect/${slug}?${new URLSearchParams({ account })}`);
    }
    const session = await sessionFromCookie(db, request.headers);
    if (!session) return redirectTo(signInUrlFor(`/api/connections/${slug}/install?${query}`));
    const { authorizeUrl, stateCookieValue } = await beginConnect({ userId: session.user.id, provider, query });
    return redirectTo(authorizeUrl, [connectStateCookieHeader(stateCookieValue)]);
  } catch (error) {
    return connectFailureResponse(slug, error);
  }
}
