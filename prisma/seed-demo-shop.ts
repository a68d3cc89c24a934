// `npm run dev` runs this once the sandbox Shopify is up and the Inngest runner has synced the
// app (tsx --conditions=react-server, like the app's server code): connects Demo Brand to the
// sandbox's demo shop through the product's install path (see connectDemoShop) and requests its
// first sync. Idempotent; the Shopify settings come from the environment, as in the app.
import "@/inngest/register-job-runner";
import { shopifyConnector } from "@/server/connectors/shopify";
import { appUrl, connectorEnv } from "@/server/env";
import { db } from "@/server/db";
import { DEMO_WORKSPACE_SLUG } from "./factories/demo";
import { connectDemoShop, DEMO_SHOP } from "./factories/demo-shop";

async function main() {
  const config = shopifyConnector.config(connectorEnv());
  if (!config) throw new Error("SHOPIFY_API_KEY and SHOPIFY_API_SECRET are not set: Shopify is off.");
  const result = await connectDemoShop({ config });
  const connections = `${appUrl()}/w/${DEMO_WORKSPACE_SLUG}/connections`;
  if (result.outcome === "connected-elsewhere") {
    console.log(`• ${DEMO_SHOP} is connected to another workspace, so Demo Brand was left without it.`);
    return;
  }
  const how = { connected: "now connected", reconnected: "reconnected", unchanged: "connected" }[result.outcome];
  console.log(`• Demo Brand is ${how} to the sandbox store ${DEMO_SHOP}; open Connections: ${connections}`);
  if (result.backfillJobRunId) console.log(`  First sync (BACKFILL) requested: run ${result.backfillJobRunId}`);
  for (const failure of result.webhookFailures) console.log(`  Webhook not subscribed: ${failure}`);
}

main()
  .catch((error: unknown) => {
    console.error(`Could not connect Demo Brand to ${DEMO_SHOP}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
