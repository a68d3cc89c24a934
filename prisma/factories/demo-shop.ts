import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { registerWebhooks, shopOrigin, type ShopifyAppConfig } from "@/server/connectors/shopify";
import { ACCESS_SCOPES } from "@/server/connectors/shopify/documents";
import { ShopifyGraphqlClient } from "@/server/connectors/shopify/graphql-client";
import { AccessScopes, parsePayload } from "@/server/connectors/shopify/types";
import { db } from "@/server/db";
import { startBackfill } from "@/server/services/connections/after-connect";
import { beginConnect } from "@/server/services/connections/begin-connect";
import { completeConnect } from "@/server/services/connections/complete-connect";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import type { SendSyncEvent } from "@/server/services/connections/request-connection-sync";
import { syncsOnSchedule } from "@/server/services/connections/sync-status";
import { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG } from "./demo";

export const DEMO_SHOP = "meridian-demo.myshopify.com";

/** Audit logs show the seed, not a browser, as the install's user agent. */
const SEED_USER_AGENT = "meridian-dev-seed";

export type DemoShopConnection = {
  connectionId: string;
  /** `unchanged`: the connection was there and its tokens still work with every scope asked for, so it was left alone. */
  outcome: "connected" | "reconnected" | "unchanged" | "connected-elsewhere";
  /** The BACKFILL run requested, when this call asked for the first sync. */
  backfillJobRunId?: string;
  /** Webhook topics the shop refused to subscribe (webhooks are the fast path only). */
  webhookFailures: string[];
};

/**
 * Connects the demo workspace (seeded by seedDemoData) to a shop of the sandbox Shopify through
 * the product's own connect path: beginConnect, the merchant's "Install app" on the sandbox's
 * consent page, completeConnect (code exchange, encrypted credentials, audit), webhook
 * subscriptions, then the first sync (BACKFILL), as the OAuth callback does.
 *
 * Idempotent: a connection whose tokens still work with every scope the app asks for is left as
 * it is; one whose tokens the sandbox no longer honours (its state file was deleted), or installed
 * before the app asked for a scope (read_shopify_payments_payouts, whose streams are skipped
 * without it), is reinstalled into the same row, as a merchant's "Grant access" would. Only for the
 * sandbox: real Shopify has no consent form to post to.
 */
export async function connectDemoShop(
  input: { config: ShopifyAppConfig; shop?: string },
  deps: { sendEvent?: SendSyncEvent } = {},
): Promise<DemoShopConnection> {
  const { config } = input;
  const shop = input.shop ?? DEMO_SHOP;
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USER_EMAIL }, select: { id: true } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });

  const existing = await db.connection.findUnique({
    where: { provider_externalAccountId: { provider: "SHOPIFY", externalAccountId: shop } },
    select: { id: true, workspaceId: true, status: true },
  });
  // A developer attached the shop to another workspace on purpose: theirs to undo.
  if (existing && existing.workspaceId !== workspace.id) return { connectionId: existing.id, outcome: "connected-elsewhere", webhookFailures: [] };

  if (existing && (await installationCurrent(existing.id, config))) {
    const synced = await db.jobRun.count({ where: { connectionId: existing.id, kind: "sync" } });
    // Installed by an earlier start that stopped before its first sync was requested (unless
    // someone paused it since).
    const backfill = synced || !syncsOnSchedule(existing.status) ? undefined : await startBackfill(workspace.id, existing.id, deps);
    return { connectionId: existing.id, outcome: "unchanged", backfillJobRunId: backfill?.jobRunId, webhookFailures: [] };
  }

  const { authorizeUrl, stateCookieValue } = await beginConnect(
    { userId: user.id, provider: "SHOPIFY", query: new URLSearchParams({ workspace: DEMO_WORKSPACE_SLUG, shop }) },
    { config },
  );
  // The merchant's click on "Install app": the consent form posts to the authorize URL, and the
  // sandbox answers with the signed redirect to our callback that a browser would follow.
  const consent = await fetch(authorizeUrl, { method: "POST", redirect: "manual" });
  const callback = consent.headers.get("location");
  if (consent.status !== 302 || !callback) throw new Error(`${shop}'s consent page answered ${consent.status}: ${(await consent.text()).slice(0, 300)}`);

  const installed = await completeConnect(
    { provider: "SHOPIFY", query: new URL(callback).searchParams, stateCookieValue, userId: user.id, actor: { actorId: user.id, ip: null, userAgent: SEED_USER_AGENT } },
    { config },
  );
  if ("kind" in installed) throw new Error(`${shop}'s install asked to pick an account, which Shopify's never does`);
  // What Shopify's afterConnect does, here with its failures reported to the developer.
  const webhooks = await registerWebhooks(await getConnectionAccess(installed.connectionId, { provider: "SHOPIFY", config }));
  const backfill = await startBackfill(installed.workspaceId, installed.connectionId, deps);
  return {
    connectionId: installed.connectionId,
    outcome: installed.reconnected ? "reconnected" : "connected",
    backfillJobRunId: backfill.jobRunId,
    webhookFailures: webhooks.failed.map((f) => `${f.topic}: ${f.message}`),
  };
}

// Usable credentials (refreshed if due) that the shop still accepts, for an installation granting
// every scope the app asks for. Anything but a refusal (the sandbox down, a bug) is thrown rather
// than answered with a reinstall.
async function installationCurrent(connectionId: string, config: ShopifyAppConfig): Promise<boolean> {
  try {
    const access = await getConnectionAccess(connectionId, { provider: "SHOPIFY", config });
    const { accessToken } = await access.credentials();
    const client = new ShopifyGraphqlClient({ shopOrigin: shopOrigin(config, access.externalAccountId), accessToken });
    const granted = new Set(parsePayload(AccessScopes, await client.request(ACCESS_SCOPES), "access scopes").currentAppInstallation.accessScopes.map((s) => s.handle));
    return config.scopes.every((scope) => granted.has(scope));
  } catch (error) {
    if (error instanceof AuthExpiredError) return false;
    throw error;
  }
}
