import { z } from "zod";
import type { ConnectionContext } from "../_core/connector";
import type { ShipBobCredentials } from "./credentials";
import { connectionClient, type ListPage } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import type { TokenPacers } from "./request-pacer";
import { SHIPBOB_WEBHOOK_TOPICS, shipbobWebhookSecret, shipbobWebhookUrl } from "./webhooks";

const subscription = z.object({ id: z.string(), url: z.string() });

export type ShipBobWebhookRegistration = { subscriptionId: string; replaced: string[] } | { skipped: string };

/**
 * Subscribes the account to every handled topic at its own address (`/2026-01/webhook`), with its
 * signing secret, then deletes the account's older subscriptions to that address: a reconnect, or
 * a changed SHIPBOB_WEBHOOK_SECRET, leaves one subscription signing with the current secret.
 * Created first so no change falls between the two.
 */
export async function registerShipBobWebhooks(ctx: ConnectionContext<ShipBobConfig, ShipBobCredentials>, pacers: TokenPacers): Promise<ShipBobWebhookRegistration> {
  const { webhookKey } = ctx.config;
  if (!webhookKey) return { skipped: "SHIPBOB_WEBHOOK_SECRET is not set: no webhooks, the scheduled sync alone keeps the data current" };
  const client = await connectionClient(ctx, { pacers });
  const url = shipbobWebhookUrl(ctx.config, ctx.externalAccountId);

  const older: string[] = [];
  for (let page: string | null = `/${API_VERSION}/webhook?RecordsPerPage=250`; page; ) {
    const listed: ListPage<z.output<typeof subscription>> = await client.cursorPage(page, subscription);
    older.push(...listed.items.filter((s) => s.url === url).map((s) => s.id));
    page = listed.next;
  }
  const { body: created } = await client.post(
    `/${API_VERSION}/webhook`,
    { url, topics: Object.keys(SHIPBOB_WEBHOOK_TOPICS), description: "Meridian", secret: shipbobWebhookSecret(webhookKey, ctx.externalAccountId) },
    subscription,
  );
  for (const id of older) await client.delete(`/${API_VERSION}/webhook/${encodeURIComponent(id)}`);
  return { subscriptionId: created.id, replaced: older };
}
