// `tsx dev/sandbox/shopify/main.ts`: the sandbox Shopify on its own (npm run dev starts it in-process
// through the same sandboxOptionsFromEnv). Settings: see env-options.ts.
import { sandboxOptionsFromEnv } from "./env-options";
import { adminSchema } from "./schema";
import { startShopifySandbox } from "./server";

async function main() {
  const started = Date.now();
  const sandbox = await startShopifySandbox(sandboxOptionsFromEnv());
  // Built now rather than on the first request, so the first sync does not wait ~1 s for it.
  adminSchema();
  console.log(`Sandbox Shopify on ${sandbox.url} (${Date.now() - started} ms)`);
  for (const shop of sandbox.shops()) {
    const counts = shop.store.orders.count();
    console.log(`• ${shop.domain}: ${counts} orders · SHOPIFY_SHOP_ORIGIN=${sandbox.url}/shops/{shop}`);
  }
  console.log(`• controls: POST ${sandbox.url}/_sandbox/<name> (shops, snapshot, updateOrder, sendWebhook, injectFault, …)`);
  const stop = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
