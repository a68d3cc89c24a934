import { sessionFromCookie } from "@/server/auth/session-from-cookie";
import { db } from "@/server/db";
import { afterConnect } from "@/server/services/connections/after-connect";
import {
  clearPendingChoiceCookieHeader,
  connectFailureResponse,
  PENDING_CHOICE_COOKIE,
  readCookie,
  redirectTo,
  requestActor,
} from "@/server/services/connections/connect-http";
import { oauthProviderOfSlug } from "@/server/services/connections/oauth-connector";
import { completePendingChoice } from "@/server/services/connections/pending-account-choice";

export const dynamic = "force-dynamic";

// The account picked on /connect/<provider>/account (a plain form post: same-origin only, as the
// CSP's form-action and SameSite=Lax cookies keep it). The waiting grant is used once.
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider: slug } = await params;
  const provider = oauthProviderOfSlug(slug);
  if (!provider) return new Response("Not found", { status: 404 });
  const form = await request.formData().catch(() => null);
  const accountId = form?.get("account");
  if (typeof accountId !== "string" || accountId.trim() === "") return new Response("account: choose one of the listed accounts", { status: 400 });
  const clearChoice = clearPendingChoiceCookieHeader();
  try {
    const session = await sessionFromCookie(db, request.headers);
    const userId = session?.user.id ?? null;
    const connected = await completePendingChoice({
      provider,
      cookieValue: readCookie(request.headers.get("cookie"), PENDING_CHOICE_COOKIE),
      userId,
      accountId: accountId.trim(),
      actor: requestActor(request, userId),
    });
    await afterConnect(connected);
    return redirectTo(`/w/${connected.workspaceSlug}/connections?${new URLSearchParams({ connected: connected.displayName })}`, [clearChoice], 303);
  } catch (error) {
    return connectFailureResponse(slug, error, [clearChoice]);
  }
}
