import "server-only";
import { logger } from "@/server/observability/logger";
import type { CompletedInstall } from "./complete-install";
import { registerShopifyWebhooks } from "./register-webhooks";
import { startShopifyBackfill } from "./start-backfill";

/**
 * What follows a stored install: webhook subscriptions and the first full sync. Neither undoes
 * the install when it fails: the connection is stored and audited, the scheduled sync retries
 * the backfill, and webhooks only speed things up. Failures are logged for the operator.
 */
export async function afterShopifyInstall(installed: CompletedInstall): Promise<void> {
  const log = logger.child({ module: "shopify-install", connectionId: installed.connectionId, shop: installed.shop });
  const [webhooks, backfill] = await Promise.allSettled([
    registerShopifyWebhooks(installed.connectionId),
    startShopifyBackfill(installed.workspaceId, installed.connectionId),
  ]);
  if (webhooks.status === "rejected") log.error({ err: webhooks.reason }, "Could not register Shopify webhooks");
  else if (webhooks.value.failed.length) log.warn({ failed: webhooks.value.failed }, "Some Shopify webhook subscriptions failed");
  if (backfill.status === "rejected") log.error({ err: backfill.reason }, "Could not queue the initial Shopify backfill");
}
