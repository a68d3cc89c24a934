// For a test file's vi.hoisted (server/env reads the environment once, on first import): reserves
// the sandbox GA4's port and points GA4's Data API, Google's token endpoint and the Google OAuth
// client at it, before any server module loads. Imports nothing of server/ for the same reason.
import { GA4_DEV } from "@/dev/sandbox/ga4/config";
import { freePort } from "./free-port";

export async function pointGa4AtFreePort(): Promise<number> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  process.env.GA4_DATA_API_URL = base;
  process.env.GA4_ADMIN_API_URL = base;
  process.env.GOOGLE_OAUTH_TOKEN_URL = `${base}/token`;
  process.env.GOOGLE_OAUTH_AUTHORIZE_URL = `${base}/o/oauth2/v2/auth`;
  process.env.GOOGLE_CLIENT_ID = GA4_DEV.client.clientId;
  process.env.GOOGLE_CLIENT_SECRET = GA4_DEV.client.clientSecret;
  return port;
}
