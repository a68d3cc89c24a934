import "server-only";
import { logger } from "@/server/observability/logger";
import type { CompletedInstall } from "./complete-install";
import { registerShopifyWebhooks } from "./register-webhooks";
import { startShopifyBackfill } from "./start-backfill";

/**
 * What follows a stored install: webhook subscriptions, then the first full sync (subscribed
 * first, so changes made while the backfill reads are delivered too). Neither undoes the install
 * when it fails: the connection is stored and audited, the scheduled sync retries the backfill,
 * and webhooks only speed things up. Failures are logged for the operator.
 */
export async function afterShopifyInstall(installed: CompletedInstall): Promise<void> {
  const log = logger.child({ module: "shopify-install", connectionId: installed.connectionId, shop: installed.shop });
  try {
    const webhooks = await registerShopifyWebhooks(installed.connectionId);
    if (webhooks.failed.length) log.warn({ failed: webhooks.failed }, "Some Shopify webhook subscriptions failed");
  } catch (error) {
    log.error({ err: error }, "Could not register Shopify webhooks");
  }
  try {
    await startShopifyBackfill(installed.workspaceId, installed.connectionId);
  } catch (error) {
    log.error({ err: error }, "Could not queue the initial Shopify backfill");
  }
}
