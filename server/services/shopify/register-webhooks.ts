import "server-only";
import { z } from "zod";
import { HttpClient } from "@/server/connectors/_core/http";
import { SHOPIFY_API_VERSION } from "@/server/connectors/shopify/oauth";
import { WEBHOOK_SUBSCRIPTION_CREATE } from "@/server/connectors/shopify/documents";
import type { ShopifyAppConfig } from "@/server/env";
import { requireShopifyConfig, webhookUrl } from "./config";
import { getShopifyAccess, type GetShopifyAccessDeps } from "./get-shopify-access";
import { REGISTERED_TOPICS, topicEnum, type ShopifyWebhookTopic } from "./webhook-topics";

const mutationResult = z.object({
  data: z
    .object({
      webhookSubscriptionCreate: z
        .object({ userErrors: z.array(z.object({ message: z.string() })) })
        .nullable(),
    })
    .nullish(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

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
  deps: GetShopifyAccessDeps & { http?: HttpClient; config?: ShopifyAppConfig | null } = {},
): Promise<WebhookRegistration> {
  const config = requireShopifyConfig(deps.config);
  const access = await getShopifyAccess(connectionId, deps);
  const http = deps.http ?? new HttpClient({ timeoutMs: 10_000, maxAttempts: 3 });
  const url = `${access.shopOrigin}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;

  const results = await Promise.all(
    REGISTERED_TOPICS.map(async (topic) => {
      try {
        const response = await http.json(url, {
          method: "POST",
          headers: { "x-shopify-access-token": access.accessToken },
          body: { query: WEBHOOK_SUBSCRIPTION_CREATE, variables: { topic: topicEnum(topic), uri: webhookUrl(config) } },
          retry: "rejected-only",
        });
        const parsed = mutationResult.parse(response.body);
        const problems = [
          ...(parsed.errors ?? []).map((e) => e.message),
          ...(parsed.data?.webhookSubscriptionCreate?.userErrors ?? []).map((e) => e.message).filter((m) => !ALREADY_SUBSCRIBED.test(m)),
        ];
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
