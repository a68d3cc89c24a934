// `TSX_TSCONFIG_PATH=dev/test/crash/tsconfig.app-process.json node --import tsx dev/test/crash/app-process.ts`: "the app" of a crash
// drill, in a process of its own that the drill kills with SIGKILL. It serves what the deployment
// serves to Inngest and to Shopify: every function of inngest/index.ts behind the SDK's serve()
// (app/api/inngest) on CRASH_APP_PORT, and the webhook intake (app/api/webhooks/[provider],
// through serve-webhook-intake.ts) on CRASH_WEBHOOK_PORT. DATABASE_URL, APP_URL, INNGEST_* and
// SHOPIFY_* come from the environment, as the app's do. CRASH_SYNC_OPTIONS (JSON, optional) tunes
// the Shopify sync (ShopifySyncOptions: small bulk batches give a sync many steps to be killed in).
// Prints {"ready":true} once both listen.
import { createServer } from "node:http";
import { serve } from "inngest/node";
import { serveWebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest, inngestServeLocation } from "@/inngest/client";
import { functions } from "@/inngest/index";
import "@/inngest/register-job-runner";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";
import { createShopifySync, shopifyConnector, type ShopifySyncOptions } from "@/server/connectors/shopify";
import { replaceConnector } from "@/dev/test/connectors";

function port(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a port number`);
  return value;
}

async function main() {
  if (process.env.CRASH_SYNC_OPTIONS) {
    replaceConnector({ ...shopifyConnector, sync: createShopifySync(JSON.parse(process.env.CRASH_SYNC_OPTIONS) as ShopifySyncOptions) });
  }
  const handler = serve({ client: inngest, functions, ...inngestServeLocation() });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port("CRASH_APP_PORT"), "127.0.0.1", resolve);
  });
  await serveWebhookIntake(receiveWebhook, port("CRASH_WEBHOOK_PORT"));
  console.log(JSON.stringify({ ready: true }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
