import { join, resolve } from "node:path";
import { isPortFree } from "../../db/embedded-postgres";
import { portFromEnv } from "../../port-from-env";
import type { LocalSandbox, StartedLocalSandbox } from "../local-sandbox";
import { DEFAULT_SANDBOX_SHOP, sandboxOptionsFromEnv } from "../shopify";
import { GA4_DEV, KEY_DOWNLOAD_PATH, startGa4Sandbox } from ".";

export const DEFAULT_GA4_SANDBOX_PORT = 8292;
const SANDBOX_STATE_FILE = join(resolve(__dirname, "..", "..", ".."), ".data", "ga4-sandbox", "state.json");

/**
 * The sandbox GA4, unless GA4_DATA_API_URL points the app elsewhere (real Google, or another
 * server). Its demo property saw the sandbox Shopify's demo shop's purchases, with the planted
 * losses (CONTRACT-NOTES.md). The app gets Google's token endpoint and both Analytics APIs from it;
 * a workspace connects with a key file downloaded from it. With GA4_SANDBOX_OAUTH=1 the app gets
 * its OAuth client too (GOOGLE_CLIENT_ID/SECRET), for connecting through its consent page: off by
 * default because the same client switches on "Sign in with Google", which goes to real Google.
 */
export const localGa4: LocalSandbox = {
  name: "GA4",
  async start({ supervisor }): Promise<StartedLocalSandbox> {
    const port = portFromEnv("GA4_SANDBOX_PORT", DEFAULT_GA4_SANDBOX_PORT);
    const configured = process.env.GA4_DATA_API_URL?.replace(/\/$/, "");
    if (configured && configured !== `http://localhost:${port}`) {
      console.log(`• GA4: ${configured} (GA4_DATA_API_URL; the sandbox is not started)`);
      return { env: {} };
    }
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} (sandbox GA4) is in use. Stop what is using it or run with GA4_SANDBOX_PORT=<another port>.`);
    }
    // The demo shop as the sandbox Shopify generates it (its default settings when it is not one of its shops).
    const shop = sandboxOptionsFromEnv({ ...process.env, SHOPIFY_SANDBOX_SHOPS: DEFAULT_SANDBOX_SHOP }).shops[0]!;
    const started = Date.now();
    const sandbox = await startGa4Sandbox({
      seed: "meridian-demo-ga4",
      shop: { seed: shop.seed ?? DEFAULT_SANDBOX_SHOP, epoch: shop.epoch ?? Date.now(), volume: shop.volume ?? { orders: 5000 }, currency: shop.currency },
      port,
      stateFile: process.env.GA4_SANDBOX_STATE_FILE || SANDBOX_STATE_FILE,
    });
    supervisor.adopt("GA4 sandbox", sandbox.stop);
    const oauth = process.env.GA4_SANDBOX_OAUTH === "1";
    console.log(
      `• Sandbox GA4 on ${sandbox.url} in ${Date.now() - started} ms: ${sandbox.propertyName}, ${sandbox.property.events.length} purchases (${sandbox.property.planted.length} orders with planted losses); ` +
        `a service account key file to upload: ${sandbox.url}${KEY_DOWNLOAD_PATH}${oauth ? "; Google sign-in: its consent page" : ""}`,
    );
    return { env: ga4SandboxAppEnv(sandbox.url, { oauth }) };
  },
};

/** What the app needs to use a sandbox GA4 at `url`: Google's token endpoint and both Analytics APIs there, and with `oauth` its OAuth client. */
export function ga4SandboxAppEnv(url: string, { oauth }: { oauth: boolean }): Record<string, string> {
  const { clientId, clientSecret } = GA4_DEV.client;
  return {
    GA4_DATA_API_URL: url,
    GA4_ADMIN_API_URL: url,
    GOOGLE_OAUTH_TOKEN_URL: `${url}/token`,
    GOOGLE_OAUTH_AUTHORIZE_URL: `${url}/o/oauth2/v2/auth`,
    ...(oauth ? { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret } : {}),
  };
}
