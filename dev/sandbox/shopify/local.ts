import { join, resolve } from "node:path";
import { isPortFree } from "../../db/embedded-postgres";
import { portFromEnv } from "../../port-from-env";
import type { LocalSandbox, StartedLocalSandbox } from "../local-sandbox";
import { adminSchema, DEFAULT_SANDBOX_PORT, DEFAULT_SANDBOX_SHOP, sandboxOptionsFromEnv, startShopifySandbox } from ".";

const SANDBOX_STATE_FILE = join(resolve(__dirname, "..", "..", ".."), ".data", "shopify-sandbox", "state.json");

/**
 * The sandbox Shopify, unless SHOPIFY_SHOP_ORIGIN points the app elsewhere (real Shopify or another
 * server). The app gets the sandbox's shop origin and app credentials; the sandbox gets the app's
 * webhook URL and keeps installations and tokens in .data/ across restarts.
 */
export const localShopify: LocalSandbox = {
  name: "Shopify",
  async start({ supervisor, appPort }): Promise<StartedLocalSandbox> {
    const sandboxPort = portFromEnv("SHOPIFY_SANDBOX_PORT", DEFAULT_SANDBOX_PORT);
    const configured = process.env.SHOPIFY_SHOP_ORIGIN;
    if (configured && configured !== `http://localhost:${sandboxPort}/shops/{shop}`) {
      console.log(`• Shopify: ${configured} (SHOPIFY_SHOP_ORIGIN; the sandbox is not started)`);
      return { env: {} };
    }
    if (!(await isPortFree(sandboxPort))) {
      throw new Error(`Port ${sandboxPort} (sandbox Shopify) is in use. Stop what is using it or run with SHOPIFY_SANDBOX_PORT=<another port>.`);
    }
    const appUrl = (process.env.SHOPIFY_APP_URL || process.env.APP_URL || `http://localhost:${appPort}`).replace(/\/$/, "");
    const options = sandboxOptionsFromEnv({
      ...process.env,
      SHOPIFY_SANDBOX_PORT: String(sandboxPort),
      SHOPIFY_SANDBOX_WEBHOOK_TARGET: process.env.SHOPIFY_SANDBOX_WEBHOOK_TARGET || `${appUrl}/api/webhooks/shopify`,
      SHOPIFY_SANDBOX_STATE_FILE: process.env.SHOPIFY_SANDBOX_STATE_FILE || SANDBOX_STATE_FILE,
    });
    const started = Date.now();
    const sandbox = await startShopifySandbox(options);
    supervisor.adopt("Shopify sandbox", sandbox.stop);
    // Built now rather than on the first request, so the first sync does not wait for it.
    adminSchema();
    const shops = sandbox.shops().map((shop) => `${shop.domain} (${shop.store.orders.count()} orders)`);
    console.log(`• Sandbox Shopify on ${sandbox.url} in ${Date.now() - started} ms: ${shops.join(", ")}; controls: POST ${sandbox.url}/_sandbox/<name>`);
    return {
      env: { SHOPIFY_SHOP_ORIGIN: `${sandbox.url}/shops/{shop}`, SHOPIFY_API_KEY: sandbox.app.apiKey, SHOPIFY_API_SECRET: sandbox.app.apiSecret },
      ...(sandbox.shops().some((shop) => shop.domain === DEFAULT_SANDBOX_SHOP) ? { demoSeed: "prisma/seed-demo-shop.ts" } : {}),
    };
  },
};
