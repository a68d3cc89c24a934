import { join, resolve } from "node:path";
import { isPortFree } from "../../db/embedded-postgres";
import { portFromEnv } from "../../port-from-env";
import type { LocalSandbox, StartedLocalSandbox } from "../local-sandbox";
import { DEFAULT_SANDBOX_SHOP, sandboxOptionsFromEnv } from "../shopify";
import { generatedPayouts } from "../shopify/payouts";
import type { GeneratorOptions as ShopGeneratorOptions } from "../shopify/generate";
import { FREEAGENT_DEV, startFreeAgentSandbox, type Payout } from ".";

export const DEFAULT_FREEAGENT_SANDBOX_PORT = 8291;
const SANDBOX_STATE_FILE = join(resolve(__dirname, "..", "..", ".."), ".data", "freeagent-sandbox", "state.json");

/**
 * The sandbox FreeAgent, unless FREEAGENT_API_URL points the app elsewhere (real FreeAgent, its
 * own sandbox, or another server). Its demo company keeps the books of the sandbox Shopify's demo
 * shop: the main bank account holds the deposits of that shop's paid payouts (exact, short by a
 * fee, one missing, one twice: see CONTRACT-NOTES.md). The app gets its API and OAuth app; a
 * workspace connects through its consent screen.
 */
export const localFreeAgent: LocalSandbox = {
  name: "FreeAgent",
  async start({ supervisor }): Promise<StartedLocalSandbox> {
    const port = portFromEnv("FREEAGENT_SANDBOX_PORT", DEFAULT_FREEAGENT_SANDBOX_PORT);
    const configured = process.env.FREEAGENT_API_URL?.replace(/\/$/, "");
    if (configured && configured !== `http://localhost:${port}/v2`) {
      console.log(`• FreeAgent: ${configured} (FREEAGENT_API_URL; the sandbox is not started)`);
      return { env: {} };
    }
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} (sandbox FreeAgent) is in use. Stop what is using it or run with FREEAGENT_SANDBOX_PORT=<another port>.`);
    }
    // The demo shop as the sandbox Shopify generates it (its default settings when it is not one of its shops).
    const shop = sandboxOptionsFromEnv({ ...process.env, SHOPIFY_SANDBOX_SHOPS: DEFAULT_SANDBOX_SHOP }).shops[0]!;
    const epoch = shop.epoch ?? Date.now();
    const started = Date.now();
    const sandbox = await startFreeAgentSandbox({
      seed: "meridian-demo-freeagent",
      epoch,
      volume: { bankTransactions: 2000, invoices: 400 },
      payouts: paidPayouts({ seed: shop.seed ?? DEFAULT_SANDBOX_SHOP, epoch, volume: shop.volume ?? { orders: 5000 }, currency: shop.currency }),
      port,
      stateFile: process.env.FREEAGENT_SANDBOX_STATE_FILE || SANDBOX_STATE_FILE,
    });
    supervisor.adopt("FreeAgent sandbox", sandbox.stop);
    const { planted } = sandbox.company;
    console.log(`• Sandbox FreeAgent on ${sandbox.url} in ${Date.now() - started} ms: Demo Brand Ltd, ${planted.length} payout deposits planted; controls: POST ${sandbox.url}/_sandbox/<name>`);
    return { env: freeagentSandboxAppEnv(sandbox.url) };
  },
};

/** The payouts of a sandbox shop that have reached the bank (a payout in transit has no deposit yet). */
export function paidPayouts(shop: ShopGeneratorOptions): Payout[] {
  return generatedPayouts(shop)
    .filter((payout) => payout.status === "PAID")
    .map(({ id, date, amount }) => ({ id, date, amount }));
}

/** What the app needs to use a sandbox FreeAgent at `url`: its API (OAuth included) and its OAuth app, so the Connections page offers FreeAgent. */
export function freeagentSandboxAppEnv(url: string): Record<string, string> {
  const { clientId, clientSecret } = FREEAGENT_DEV.client;
  return { FREEAGENT_API_URL: `${url}/v2`, FREEAGENT_CLIENT_ID: clientId, FREEAGENT_CLIENT_SECRET: clientSecret };
}
