import { join, resolve } from "node:path";
import { isPortFree } from "../../db/embedded-postgres";
import { portFromEnv } from "../../port-from-env";
import type { LocalSandbox, StartedLocalSandbox } from "../local-sandbox";
import { DEFAULT_SANDBOX_SHOP, sandboxOptionsFromEnv } from "../shopify";
import { SHIPBOB_DEV, startShipBobSandbox } from ".";

export const DEFAULT_SHIPBOB_SANDBOX_PORT = 8290;
const SANDBOX_STATE_FILE = join(resolve(__dirname, "..", "..", ".."), ".data", "shipbob-sandbox", "state.json");

/**
 * The sandbox ShipBob, unless SHIPBOB_API_URL points the app elsewhere (real ShipBob or another
 * server). Its account fulfils the sandbox Shopify's demo shop: the same seed and epoch, so most
 * SKUs are in both. The app gets its URL and its OAuth app; a demo seed connects Demo Brand with
 * the dev token.
 */
export const localShipBob: LocalSandbox = {
  name: "ShipBob",
  async start({ supervisor }): Promise<StartedLocalSandbox> {
    const port = portFromEnv("SHIPBOB_SANDBOX_PORT", DEFAULT_SHIPBOB_SANDBOX_PORT);
    const configured = process.env.SHIPBOB_API_URL?.replace(/\/$/, "");
    if (configured && configured !== `http://localhost:${port}`) {
      console.log(`• ShipBob: ${configured} (SHIPBOB_API_URL; the sandbox is not started)`);
      return { env: {} };
    }
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} (sandbox ShipBob) is in use. Stop what is using it or run with SHIPBOB_SANDBOX_PORT=<another port>.`);
    }
    // The demo shop as the sandbox Shopify generates it (its default settings when it is not one of its shops).
    const shop = sandboxOptionsFromEnv({ ...process.env, SHOPIFY_SANDBOX_SHOPS: DEFAULT_SANDBOX_SHOP }).shops[0]!;
    const epoch = shop.epoch ?? Date.now();
    const started = Date.now();
    const sandbox = await startShipBobSandbox({
      seed: "meridian-demo-shipbob",
      epoch,
      volume: { orders: 2000, products: 500, centres: 4 },
      shopify: { seed: shop.seed ?? DEFAULT_SANDBOX_SHOP, epoch, volume: shop.volume ?? { orders: 5000 } },
      port,
      stateFile: process.env.SHIPBOB_SANDBOX_STATE_FILE || SANDBOX_STATE_FILE,
      // The demo account moves on by itself: a few shipments, a return and a receiving order a minute.
      autoAdvance: { everyMs: 60_000, shipments: 3, returns: 1, receiving: 1 },
    });
    supervisor.adopt("ShipBob sandbox", sandbox.stop);
    const { account } = sandbox;
    console.log(`• Sandbox ShipBob on ${sandbox.url} in ${Date.now() - started} ms: ${account.products.length} products in ${account.centres.length} fulfilment centres; controls: POST ${sandbox.url}/_sandbox/<name>`);
    return { env: shipbobSandboxAppEnv(sandbox.url, process.env.SHIPBOB_WEBHOOK_SECRET || "sandbox-shipbob-webhook-key"), demoSeed: "prisma/seed-demo-shipbob.ts" };
  },
};

/**
 * What the app needs to use a sandbox ShipBob at `url`: its API, its OAuth app and consent screen
 * (so the Connections page offers both ways to connect), and the key the app derives each
 * account's webhook secret from (connecting subscribes the account, and the sandbox then delivers
 * to the app signed with it).
 */
export function shipbobSandboxAppEnv(url: string, webhookKey: string): Record<string, string> {
  const { clientId, clientSecret } = SHIPBOB_DEV.client;
  return { SHIPBOB_API_URL: url, SHIPBOB_AUTH_URL: url, SHIPBOB_CLIENT_ID: clientId, SHIPBOB_CLIENT_SECRET: clientSecret, SHIPBOB_WEBHOOK_SECRET: webhookKey };
}
