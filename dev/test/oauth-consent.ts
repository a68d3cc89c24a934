import type { Provider } from "@/server/connectors/providers";
import { db } from "@/server/db";
import { beginConnect } from "@/server/services/connections/begin-connect";
import { completeConnect } from "@/server/services/connections/complete-connect";
import { openOAuthCredentials, sealOAuthCredentials } from "@/server/services/connections/credentials";

// A connection made through a sandbox provider's consent page, as a person makes it, and its
// stored tokens, for the connectors' OAuth tests.

/**
 * Meridian's start of the connect (`query` as the connect or install route got it), the person
 * approving on the sandbox's consent page (its form posts the authorize parameters back), and the
 * callback. `consent` is the authorize URL the person was sent to.
 */
export async function connectThroughConsent(provider: Provider, userId: string, query: URLSearchParams) {
  const { completed, consent } = await consentThroughCallback(provider, userId, query);
  if ("kind" in completed) throw new Error(`${provider}'s grant opens several accounts: the person picks one (consentThroughCallback)`);
  return { connected: completed, consent };
}

/** The same, for a grant that may open several accounts: the stored connection, or the choice the person is sent to. */
export async function consentThroughCallback(provider: Provider, userId: string, query: URLSearchParams) {
  const { authorizeUrl, stateCookieValue } = await beginConnect({ userId, provider, query });
  const consent = new URL(authorizeUrl);
  const approved = await fetch(`${consent.origin}${consent.pathname}`, { method: "POST", body: consent.searchParams, redirect: "manual" });
  const callback = new URL(approved.headers.get("location")!);
  const completed = await completeConnect({ provider, query: callback.searchParams, stateCookieValue, userId, actor: { actorId: userId, ip: null, userAgent: null } });
  return { completed, consent };
}

export async function storedTokens(connectionId: string) {
  const { encryptedCredentials } = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  return openOAuthCredentials(encryptedCredentials!);
}

/** The stored access token marked expired a minute ago (the sandbox's clock moved on too): the next use refreshes it. */
export async function expireStoredAccessToken(connectionId: string): Promise<void> {
  const tokens = await storedTokens(connectionId);
  const expired = new Date(Date.now() - 60_000).toISOString();
  await db.connection.update({ where: { id: connectionId }, data: { encryptedCredentials: sealOAuthCredentials({ ...tokens, accessTokenExpiresAt: expired }) } });
}
