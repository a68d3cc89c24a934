import type { OAuthAccess } from "../_core/auth";
import type { ConnectionContext } from "../_core/connector";
import { shopOrigin, type ShopifyAppConfig } from "./config";
import { WEBHOOK_SUBSCRIPTION_CREATE } from "./documents";
import { ShopifyGraphqlClient } from "./graphql-client";
import { REGISTERED_TOPICS, topicEnum, type ShopifyWebhookTopic } from "./webhook-topics";

type SubscriptionCreated = { webhookSubscriptionCreate: { userErrors: Array<{ message: string }> } | null };

// Shopify's answer when the same topic already points at the same address (a reinstall).
const ALREADY_SUBSCRIBED = /already been taken/i;

export type WebhookRegistration = { registered: ShopifyWebhookTopic[]; failed: Array<{ topic: ShopifyWebhookTopic; message: string }> };

/** Where Shopify delivers: the app's public URL (SHOPIFY_APP_URL) and the webhook route. */
export function webhookUrl(config: ShopifyAppConfig): string {
  return `${config.appUrl}/api/webhooks/shopify`;
}

/**
 * Subscribes the shop to every handled topic except the compliance ones, pointing at
 * /api/webhooks/shopify. A topic that is already subscribed counts as registered. Failures are
 * returned, not thrown: webhooks are the fast path only, the scheduled sync still sees every change.
 */
export async function registerWebhooks(ctx: ConnectionContext<ShopifyAppConfig, OAuthAccess>): Promise<WebhookRegistration> {
  const client = new ShopifyGraphqlClient({
    shopOrigin: shopOrigin(ctx.config, ctx.externalAccountId),
    accessToken: async () => (await ctx.credentials()).accessToken,
  });

  const results = await Promise.all(
    REGISTERED_TOPICS.map(async (topic) => {
      try {
        const data = await client.request<SubscriptionCreated>(WEBHOOK_SUBSCRIPTION_CREATE, { topic: topicEnum(topic), uri: webhookUrl(ctx.config) });
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
