import "server-only";
import { WEBHOOK_SUBSCRIPTION_CREATE } from "@/server/connectors/shopify/documents";
import { ShopifyGraphqlClient } from "@/server/connectors/shopify/graphql-client";
import type { ShopifyAppConfig } from "@/server/env";
import { requireShopifyConfig, webhookUrl } from "./config";
import { getShopifyAccess, type GetShopifyAccessDeps } from "./get-shopify-access";
import { REGISTERED_TOPICS, topicEnum, type ShopifyWebhookTopic } from "./webhook-topics";

type SubscriptionCreated = { webhookSubscriptionCreate: { userErrors: Array<{ message: string }> } | null };

// Shopify's answer when the same topic already points at the same address (a reinstall).
const ALREADY_SUBSCRIBED = /already been taken/i;

export type WebhookRegistration = { registered: ShopifyWebhookTopic[]; failed: Array<{ topic: ShopifyWebhookTopic; message: string }> };

/**
 * Subscribes the shop to every handled topic except the compliance ones, pointing at
 * /api/webhooks/shopify. A topic that is already subscribed counts as registered. Failures are
 * returned, not thrown: webhooks are the fast path only, the scheduled sync still sees every change.
 */
export async function registerShopifyWebhooks(
  connectionId: string,
  deps: GetShopifyAccessDeps & { config?: ShopifyAppConfig | null } = {},
): Promise<WebhookRegistration> {
  const config = requireShopifyConfig(deps.config);
  const access = await getShopifyAccess(connectionId, deps);
  const client = new ShopifyGraphqlClient({ shopOrigin: access.shopOrigin, accessToken: access.accessToken });

  const results = await Promise.all(
    REGISTERED_TOPICS.map(async (topic) => {
      try {
        const data = await client.request<SubscriptionCreated>(WEBHOOK_SUBSCRIPTION_CREATE, { topic: topicEnum(topic), uri: webhookUrl(config) });
        const problems = (data.webhookSubscriptionCreate?.userErrors ?? []).map((e) => e.message).filter((m) => !ALREADY_SUBSCRIBED.test(m));
        return problems.length ? { topic, message: problems.join("; ") } : { topic };
      } catch (error) {
        return { topic, message: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return {
    registered: results.filter((r) => !("message" in r)).map((r) => r.topic),
    failed: results.filter((r): r is { topic: ShopifyWebhookTopic; message: string } => "message" in r),
  };
}
