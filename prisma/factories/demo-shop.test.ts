import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGraphql, ALL_SCOPES, startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { db } from "@/server/db";
import type { ShopifyAppConfig } from "@/server/connectors/shopify";
import { openOAuthCredentials } from "@/server/services/connections/credentials";
import type { SendSyncEvent } from "@/server/services/connections/request-connection-sync";
import { seedDemoData } from "./demo";
import { connectDemoShop, DEMO_SHOP } from "./demo-shop";

const APP_URL = "http://localhost:3999";
const SHOP_QUERY = "{ shop { myshopifyDomain } }";

describe("connectDemoShop", () => {
  let sandbox: ShopifySandbox;
  let config: ShopifyAppConfig;
  const sent: Parameters<SendSyncEvent>[0][] = [];
  const sendEvent: SendSyncEvent = async (event) => sent.push(event);

  beforeAll(async () => {
    sandbox = await startShopifySandbox({ apiKey: "demo-key", apiSecret: "demo-secret", shops: [{ domain: DEMO_SHOP, volume: { orders: 20 } }] });
    config = { apiKey: "demo-key", apiSecret: "demo-secret", scopes: ALL_SCOPES, appUrl: APP_URL, shopOriginTemplate: `${sandbox.url}/shops/{shop}` };
    await seedDemoData(db);
  });
  afterAll(async () => {
    await sandbox.stop();
    await db.$disconnect();
  });

  async function demoConnections() {
    return db.connection.findMany({ where: { provider: "SHOPIFY", externalAccountId: DEMO_SHOP } });
  }

  it("installs through the sandbox's consent and code exchange once; a second run leaves the working connection alone", async () => {
    const first = await connectDemoShop({ config }, { sendEvent });
    const second = await connectDemoShop({ config }, { sendEvent });

    expect(first).toMatchObject({ outcome: "connected", webhookFailures: [] });
    expect(first.backfillJobRunId).toEqual(expect.any(String));
    expect(second).toEqual({ connectionId: first.connectionId, outcome: "unchanged", backfillJobRunId: undefined, webhookFailures: [] });

    const [connection, ...others] = await demoConnections();
    expect(others).toEqual([]);
    expect(connection).toMatchObject({ id: first.connectionId, status: "ACTIVE", displayName: "meridian-demo" });

    // Sealed, not readable in the row; what it opens to is a token pair the shop honours.
    const credentials = openOAuthCredentials(connection!.encryptedCredentials!);
    const row = JSON.stringify(connection);
    expect(row).not.toContain(credentials.accessToken);
    expect(row).not.toContain(credentials.refreshToken!);
    expect(credentials.scopes.sort()).toEqual([...ALL_SCOPES].sort());
    expect((await adminGraphql(sandbox, DEMO_SHOP, credentials.accessToken, SHOP_QUERY)).body.data).toEqual({ shop: { myshopifyDomain: DEMO_SHOP } });

    // One first sync, requested once, as the OAuth callback does.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ connectionId: first.connectionId, trigger: "BACKFILL", job: { jobRunId: first.backfillJobRunId } });
    expect(await db.jobRun.findMany({ where: { connectionId: first.connectionId }, select: { trigger: true, status: true } })).toEqual([{ trigger: "BACKFILL", status: "QUEUED" }]);

    expect(await db.auditLog.findMany({ where: { targetId: first.connectionId }, select: { action: true } })).toEqual([{ action: "connection.created" }]);
    const subscriptions = sandbox.shop(DEMO_SHOP).subscriptions.list();
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(new Set(subscriptions.map((s) => s.uri))).toEqual(new Set([`${APP_URL}/api/webhooks/shopify`]));
  });

  it("reinstalls into the same row when the sandbox no longer honours the stored tokens", async () => {
    const [before] = await demoConnections();
    sandbox.shop(DEMO_SHOP).revokeTokens();

    const again = await connectDemoShop({ config }, { sendEvent });

    expect(again).toMatchObject({ connectionId: before!.id, outcome: "reconnected" });
    const [after, ...others] = await demoConnections();
    expect(others).toEqual([]);
    expect(after!.status).toBe("ACTIVE");
    expect(after!.encryptedCredentials).not.toBe(before!.encryptedCredentials);
    const { accessToken } = openOAuthCredentials(after!.encryptedCredentials!);
    expect((await adminGraphql(sandbox, DEMO_SHOP, accessToken, SHOP_QUERY)).status).toBe(200);
    expect(await db.auditLog.count({ where: { targetId: before!.id, action: "connection.reconnected" } })).toBe(1);
  });

  it("reinstalls a working connection the shop granted fewer scopes than the app now asks for (the payouts scope added since)", async () => {
    const [before] = await demoConnections();
    const payoutsScope = "read_shopify_payments_payouts";
    expect(openOAuthCredentials(before!.encryptedCredentials!).scopes).not.toContain(payoutsScope);

    const again = await connectDemoShop({ config: { ...config, scopes: [...ALL_SCOPES, payoutsScope] } }, { sendEvent });

    expect(again).toMatchObject({ connectionId: before!.id, outcome: "reconnected" });
    const [after] = await demoConnections();
    expect(openOAuthCredentials(after!.encryptedCredentials!).scopes).toContain(payoutsScope);
    expect(sandbox.shop(DEMO_SHOP).scopes).toContain(payoutsScope);
    expect(after!.settings).toMatchObject({ grantedScopes: expect.arrayContaining([payoutsScope]) });
  });

  it("requests the first sync of a working connection that never had one (an earlier start stopped first)", async () => {
    const [connection] = await demoConnections();
    await db.jobRun.deleteMany({ where: { connectionId: connection!.id } });
    sent.length = 0;

    const again = await connectDemoShop({ config }, { sendEvent });

    expect(again).toMatchObject({ connectionId: connection!.id, outcome: "unchanged", backfillJobRunId: expect.any(String) });
    expect(sent.map((e) => e.data.trigger)).toEqual(["BACKFILL"]);
  });
});
