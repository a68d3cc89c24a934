import { Inngest } from "inngest";
import { appUrl, appVersion, env, type Env } from "@/server/env";

// One client for the whole app. Where events go and which server calls us back is decided by
// configuration only (see server/env.ts); the code is the same in every environment.
export const inngest = new Inngest({
  id: "meridian",
  appVersion: appVersion(),
  isDev: env.INNGEST_DEV === "1",
  ...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
  ...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
  ...(env.INNGEST_ENV ? { env: env.INNGEST_ENV } : {}),
  // Outside dev mode the SDK refuses call requests whose X-Inngest-Signature does not verify
  // against the signing key (or its fallback, during key rotation).
  ...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
  ...(env.INNGEST_SIGNING_KEY_FALLBACK ? { signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK } : {}),
});

/**
 * Where Inngest calls our functions, reported when the app syncs: INNGEST_SERVE_ORIGIN, else the
 * app's URL (APP_URL, else Vercel's), never the Host of the request that asked for the sync.
 * Anyone may send the unsigned `PUT /api/inngest` that makes the SDK sync itself; without a fixed
 * origin the SDK would register the URL that request's Host names, and Inngest would call every
 * function there.
 */
export function inngestServeLocation(e: Env = env): { serveOrigin: string; servePath: string } {
  return { serveOrigin: e.INNGEST_SERVE_ORIGIN ?? appUrl(e), servePath: "/api/inngest" };
}
