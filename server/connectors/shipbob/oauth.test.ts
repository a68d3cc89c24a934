import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock, PAT_CHANNEL, SHIPBOB_DEFAULT_CHANNEL, SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { connectThroughConsent, expireStoredAccessToken, storedTokens } from "@/dev/test/oauth-consent";
import { inngest } from "@/inngest/client";
import { buildMember, buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { connectorFormActionOrigins } from "@/server/connectors/registry";
import { db } from "@/server/db";
import { openCredentialValues } from "@/server/services/connections/credentials";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { markNeedsReauth } from "@/server/services/connections/mark-needs-reauth";
import { SHIPBOB_OAUTH_SCOPES, shipbobConnector } from ".";

// Connecting ShipBob through its consent screen, beside its personal access token: the services of
// the connect flow, the database, and the sandbox ShipBob's /connect/authorize, /connect/token and
// API over real HTTP. Its refresh tokens rotate strictly: a spent one presented again revokes the grant.

// server/env reads the environment once, on first import: the sandbox's port is reserved first, and
// this server gets the sandbox's OAuth app.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const { SHIPBOB_DEV: dev } = await import("@/dev/sandbox/shipbob/config");
  const port = await freePort();
  Object.assign(process.env, {
    SHIPBOB_API_URL: `http://localhost:${port}`,
    SHIPBOB_AUTH_URL: `http://localhost:${port}/`,
    SHIPBOB_CLIENT_ID: dev.client.clientId,
    SHIPBOB_CLIENT_SECRET: dev.client.clientSecret,
  });
  return { SANDBOX_PORT: port };
});

const EPOCH = Date.UTC(2026, 9, 15);
const HOUR = 3_600_000;
const clock = new ManualClock(EPOCH);
let sandbox: ShipBobSandbox;
let harness: InngestHarness;

beforeAll(async () => {
  sandbox = await startShipBobSandbox({
    seed: "connector-oauth",
    epoch: EPOCH,
    volume: { orders: 2, products: 5, centres: 2 },
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 2, products: 5 } },
    clock,
    port: SANDBOX_PORT,
  });
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness?.stop();
  await sandbox?.stop();
});

// Counts the refreshes the connector makes; each still goes to the sandbox's token endpoint.
const refresh = vi.spyOn(shipbobConnector.auth.oauth, "refresh");
// One account: its ShipBob Default channel, which both ways see, names it.
const ACCOUNT = String(SHIPBOB_DEFAULT_CHANNEL.id);
const DISPLAY_NAME = "ShipBob · meridian-demo.myshopify.com";

let owner: TestUser;
let slug: string;
let workspaceId: string;
beforeEach(async () => {
  refresh.mockClear();
  sandbox.faults.clear();
  await db.connection.deleteMany({ where: { provider: "SHIPBOB" } });
  ({ owner, workspace: { slug, id: workspaceId } } = await buildWorkspaceWithOwner("ShipBob OAuth"));
});

/** Meridian's start, the person pressing Allow on ShipBob's consent page, and the callback. */
const connectThroughShipBob = (user: TestUser) => connectThroughConsent("SHIPBOB", user.id, new URLSearchParams({ workspace: slug }));

const stored = (id: string) => db.connection.findUniqueOrThrow({ where: { id } });
/** The connection's context an hour on: its stored access token has expired, at the sandbox too. */
async function anHourLater(id: string) {
  clock.advance(HOUR);
  await expireStoredAccessToken(id);
  return getConnectionAccess(id, { provider: "SHIPBOB" });
}
const channelsWith = (accessToken: string) => fetch(`${sandbox.url}/2026-01/channel`, { headers: { authorization: `Bearer ${accessToken}` } });
/** The channel of the OAuth app's installation, as ShipBob lists it to the app's token. */
async function installationChannel(accessToken: string) {
  const { items } = (await (await channelsWith(accessToken)).json()) as { items: { id: number; name: string; application_name: string }[] };
  return items.find((c) => c.application_name === SHIPBOB_DEV.appName)!;
}

describe("the Connections picker", () => {
  it("offers ShipBob both ways, its sign-in first, and Shopify its one", async () => {
    const providers = await callerFor(owner).connection.providers({ workspaceSlug: slug });
    expect(providers.find((p) => p.provider === "SHIPBOB")).toMatchObject({
      unavailable: null,
      ways: [
        { kind: "oauth", account: null },
        { kind: "credentials", label: "Use a personal access token", fields: [expect.objectContaining({ name: "token", label: "Personal access token", type: "secret" })] },
      ],
    });
    expect(providers.find((p) => p.provider === "SHOPIFY")!.ways).toEqual([{ kind: "oauth", account: expect.objectContaining({ name: "shop" }) }]);
  });
});

describe("the CSP's form-action", () => {
  it("lets the connect form's redirect reach ShipBob's consent screen only while the OAuth app is configured", () => {
    const origins = (variables: Record<string, string>) => connectorFormActionOrigins({ appUrl: "https://app.test", variables });
    const app = { SHIPBOB_CLIENT_ID: "id", SHIPBOB_CLIENT_SECRET: "secret" };
    expect(origins({ ...app, SHIPBOB_AUTH_URL: "https://auth.shipbob.com" })).toEqual(["https://auth.shipbob.com"]);
    expect(origins({ ...app, SHIPBOB_AUTH_URL: `${sandbox.url}/` })).toEqual([sandbox.url]);
    expect(origins({ SHIPBOB_AUTH_URL: "https://auth.shipbob.com" })).toEqual([]);
  });
});

describe("connecting ShipBob through OAuth", () => {
  it("asks for offline access and the read scopes, then stores the tokens encrypted, the way it was connected and the write channel", async () => {
    const { connected, consent } = await connectThroughShipBob(owner);
    expect(consent.origin).toBe(sandbox.url);
    expect(consent.searchParams.get("client_id")).toBe(SHIPBOB_DEV.client.clientId);
    expect(consent.searchParams.get("scope")!.split(" ")).toEqual(expect.arrayContaining(["offline_access", "orders_read", "inventory_read", "receiving_read", "returns_read", "webhooks_write"]));
    expect(connected).toMatchObject({ workspaceSlug: slug, externalAccountId: ACCOUNT, displayName: DISPLAY_NAME, reconnected: false });

    const row = await stored(connected.connectionId);
    expect(row.encryptedCredentials).toMatch(/^v1:/);
    const tokens = await storedTokens(row.id);
    // Writes go through the installation's own channel, not a token's SMA channel.
    const installation = await installationChannel(tokens.accessToken);
    expect(installation.id).not.toBe(PAT_CHANNEL.id);
    expect(row).toMatchObject({ provider: "SHIPBOB", authMethod: "OAUTH", status: "ACTIVE", settings: { channelId: installation.id, channelName: SHIPBOB_DEV.appName } });
    expect(JSON.stringify(row)).not.toContain(tokens.accessToken);
    expect(tokens).toMatchObject({ refreshToken: expect.any(String), scopes: [...SHIPBOB_OAUTH_SCOPES] });
    expect(new Date(tokens.accessTokenExpiresAt!).getTime() - Date.now()).toBeGreaterThan(HOUR - 60_000);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: row.id } });
    expect(audit).toMatchObject({ action: "connection.created", actorId: owner.id, metadata: { provider: "SHIPBOB", authMethod: "OAUTH" } });

    // The sync's credentials are the OAuth access, and ShipBob takes it.
    const access = await (await getConnectionAccess(row.id, { provider: "SHIPBOB" })).credentials();
    expect(access).toMatchObject({ accessToken: tokens.accessToken });
    expect((await channelsWith(tokens.accessToken)).status).toBe(200);
  });

  it("refreshes an expired access token once for concurrent callers, saves the rotated refresh token, and never presents the spent one again", async () => {
    const { connected } = await connectThroughShipBob(owner);
    const first = await storedTokens(connected.connectionId);

    const expired = await anHourLater(connected.connectionId);
    const results = await Promise.all(Array.from({ length: 5 }, async () => (await getConnectionAccess(expired.connectionId, { provider: "SHIPBOB" })).credentials()));
    expect(refresh).toHaveBeenCalledTimes(1);
    const renewed = await storedTokens(connected.connectionId);
    expect(new Set(results.map((r) => ("accessToken" in r ? r.accessToken : null)))).toEqual(new Set([renewed.accessToken]));
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    expect(refresh.mock.calls[0]![1]).toMatchObject({ refreshToken: first.refreshToken });

    // Had the spent token been presented again, ShipBob would have revoked the grant.
    expect((await channelsWith(renewed.accessToken)).status).toBe(200);
    // The next expiry refreshes with the rotated token.
    await (await anHourLater(connected.connectionId)).credentials();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh.mock.calls[1]![1]).toMatchObject({ refreshToken: renewed.refreshToken });
    expect((await stored(connected.connectionId)).status).toBe("ACTIVE");
  });

  it("a refused refresh (the stored token already spent elsewhere) needs re-authorization: NEEDS_REAUTH, audited, admins emailed a link back to ShipBob's sign-in", async () => {
    const { connected } = await connectThroughShipBob(owner);
    const admin = await buildMember(workspaceId, "ADMIN");
    const { refreshToken } = await storedTokens(connected.connectionId);
    // Someone else redeems the stored refresh token first: Meridian's copy is spent.
    const stolen = await fetch(`${sandbox.url}/connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken!, client_id: SHIPBOB_DEV.client.clientId, client_secret: SHIPBOB_DEV.client.clientSecret }),
    });
    expect(stolen.status).toBe(200);

    await expect((await anHourLater(connected.connectionId)).credentials()).rejects.toThrow(AuthExpiredError);
    expect(await stored(connected.connectionId)).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null, authMethod: "OAUTH" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connected.connectionId, action: "connection.needs_reauth" } });
    expect(audit.metadata).toMatchObject({ provider: "SHIPBOB", name: ACCOUNT, reason: expect.stringContaining("ShipBob refused the refresh token (400) (invalid_grant") });
    const mail = await db.emailOutbox.findMany({ where: { workspaceId, template: "connection-needs-reauth" } });
    expect(mail.map((m) => m.to).sort()).toEqual([owner.email, admin.user.email].sort());
    expect(mail[0]!.html).toContain(`/api/connections/shipbob/install?workspace=${slug}`);
  });
});

describe("one ShipBob account, either way", () => {
  it("is one connection: OAuth takes over a token's connection, and a token takes back one that needs re-authorization; the write channel is the way last used", async () => {
    const pasted = await callerFor(owner).connection.create({ workspaceSlug: slug, provider: "SHIPBOB", credentials: { token: SHIPBOB_DEV.pat } });
    const patSettings = { channelId: PAT_CHANNEL.id, channelName: PAT_CHANNEL.name };
    expect(await stored(pasted.id)).toMatchObject({ authMethod: "CREDENTIALS", externalAccountId: ACCOUNT, displayName: DISPLAY_NAME, settings: patSettings });

    // ShipBob gives the OAuth grant a channel of its own; the account is the same.
    const { connected } = await connectThroughShipBob(owner);
    expect(connected).toMatchObject({ connectionId: pasted.id, externalAccountId: ACCOUNT, reconnected: true });
    const installation = await installationChannel((await storedTokens(pasted.id)).accessToken);
    expect(installation.id).not.toBe(PAT_CHANNEL.id);
    expect(await stored(pasted.id)).toMatchObject({ authMethod: "OAUTH", status: "ACTIVE", externalAccountId: ACCOUNT, displayName: DISPLAY_NAME, settings: { channelId: installation.id, channelName: installation.name } });
    expect(await db.connection.count({ where: { provider: "SHIPBOB" } })).toBe(1);
    const oauth = await (await getConnectionAccess(pasted.id, { provider: "SHIPBOB" })).credentials();
    expect(oauth).toEqual({ accessToken: (await storedTokens(pasted.id)).accessToken, accessTokenExpiresAt: expect.any(Date), scopes: [...SHIPBOB_OAUTH_SCOPES] });

    await markNeedsReauth(pasted.id, "ShipBob refused the access token (HTTP 401)");
    const again = await callerFor(owner).connection.create({ workspaceSlug: slug, provider: "SHIPBOB", credentials: { token: SHIPBOB_DEV.pat } });
    expect(again).toMatchObject({ id: pasted.id, reconnected: true });
    const row = await stored(pasted.id);
    expect(row).toMatchObject({ authMethod: "CREDENTIALS", status: "ACTIVE", settings: patSettings });
    expect(openCredentialValues(row.encryptedCredentials!, shipbobConnector.auth.credentials.schema)).toEqual({ token: SHIPBOB_DEV.pat });
    expect(await (await getConnectionAccess(pasted.id, { provider: "SHIPBOB" })).credentials()).toEqual({ token: SHIPBOB_DEV.pat });
    // Each reconnect email leads back the way the connection was made.
    await markNeedsReauth(pasted.id, "ShipBob refused the token (HTTP 401)");
    const mail = await db.emailOutbox.findMany({ where: { workspaceId, template: "connection-needs-reauth" }, orderBy: { createdAt: "asc" } });
    expect(mail.map((m) => m.html?.match(/http:\/\/[^"]*(install|connections)\?[^"]*/)?.[0])).toEqual([
      expect.stringContaining(`/api/connections/shipbob/install?workspace=${slug}`),
      expect.stringContaining(`/w/${slug}/connections?connect=shipbob`),
    ]);
    const audits = await db.auditLog.findMany({ where: { targetId: pasted.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, (a.metadata as { authMethod?: string }).authMethod ?? null])).toEqual([
      ["connection.created", "CREDENTIALS"],
      ["connection.reconnected", "OAUTH"],
      ["connection.needs_reauth", null],
      ["connection.reconnected", "CREDENTIALS"],
      ["connection.needs_reauth", null],
    ]);
  });
});
