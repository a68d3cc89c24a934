import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { AuthExpiredError, PermanentError, TransientError } from "@/server/connectors/_core/errors";
import { registerWebhooks, shopifyConnector, type ShopifyAppConfig } from "@/server/connectors/shopify";
import { REGISTERED_TOPICS } from "@/server/connectors/shopify/webhook-topics";
import { db } from "@/server/db";
import { encryptJson } from "@/server/security/encryption";
import { parseEncryptionKeys } from "@/server/security/encryption-keys";
import { openOAuthCredentials, sealOAuthCredentials } from "./credentials";
import { getConnectionAccess, REFRESH_MARGIN_MS } from "./get-connection-access";

// ENCRYPTION_KEYS after a rotation: "current" encrypts, "old" still decrypts.
const OLD_KEY = vi.hoisted(() => {
  const old = Buffer.alloc(32, 7).toString("base64");
  process.env.ENCRYPTION_KEYS = `current:${Buffer.alloc(32, 9).toString("base64")},old:${old}`;
  return old;
});

const SHOP = "access-test.myshopify.com";
const SCOPES = ["read_orders", "read_products"];
let sandbox: ShopifySandbox;
let config: ShopifyAppConfig;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ apiKey: "access-key", apiSecret: "access-secret", shops: [{ domain: SHOP, volume: { orders: 5 } }] });
  config = {
    apiKey: "access-key",
    apiSecret: "access-secret",
    scopes: SCOPES,
    appUrl: "http://app.test",
    shopOriginTemplate: `${sandbox.url}/shops/{shop}`,
  };
});
afterAll(() => sandbox.stop());

// Counts the refreshes the connector makes; each still goes to the sandbox's token endpoint.
const refresh = vi.spyOn(shopifyConnector.auth.oauth, "refresh");
const deps = () => ({ provider: "SHOPIFY" as const, config });
const access = (connectionId: string, more: { now?: () => Date } = {}) => getConnectionAccess(connectionId, { ...deps(), ...more });

let workspaceId: string;
beforeEach(async () => {
  refresh.mockClear();
  sandbox.faults.clear();
  await db.connection.deleteMany();
  ({
    workspace: { id: workspaceId },
  } = await buildWorkspaceWithOwner("Access"));
});

function sealed(issued: { access_token: string; refresh_token: string }, expiresInMs: number) {
  return sealOAuthCredentials({
    accessToken: issued.access_token,
    accessTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    refreshToken: issued.refresh_token,
    refreshTokenExpiresAt: null,
    scopes: SCOPES,
  });
}

/** A connection installed on the sandbox whose access token (as stored) expires in `expiresInMs`. */
async function installedConnection(expiresInMs: number) {
  const issued = sandbox.shop(SHOP).install(SCOPES);
  const connection = await buildConnection(workspaceId, { externalAccountId: SHOP, encryptedCredentials: sealed(issued, expiresInMs) });
  return { connection, issued };
}

const storedCredentials = async (id: string) => openOAuthCredentials((await db.connection.findUniqueOrThrow({ where: { id } })).encryptedCredentials!);

describe("getConnectionAccess", () => {
  it("is the connection's context, whose credentials are the stored token without a refresh while it has more than 5 minutes left", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    const ctx = await access(connection.id);
    expect(ctx).toMatchObject({ connectionId: connection.id, workspaceId, provider: "SHOPIFY", externalAccountId: SHOP, config });
    expect(await ctx.credentials()).toMatchObject({ accessToken: issued.access_token, scopes: SCOPES });
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes a token about to expire exactly once for 10 concurrent callers and saves the rotated pair", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS - 60_000);
    const results = await Promise.all(Array.from({ length: 10 }, async () => (await access(connection.id)).credentials()));

    expect(refresh).toHaveBeenCalledTimes(1);
    const tokens = new Set(results.map((r) => r.accessToken));
    expect(tokens.size).toBe(1);
    const [renewed] = [...tokens];
    expect(renewed).not.toBe(issued.access_token);

    const saved = await storedCredentials(connection.id);
    expect(saved.accessToken).toBe(renewed);
    expect(saved.refreshToken).not.toBe(issued.refresh_token);
    expect(new Date(saved.accessTokenExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(saved.refreshTokenExpiresAt).not.toBeNull();

    // The saved token works against the Admin API, and the next call needs no refresh.
    const check = await fetch(`${sandbox.shopOrigin(SHOP)}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": renewed! },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(check.status).toBe(200);
    await (await access(connection.id)).credentials();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("a refused refresh takes the one re-authorization path: NEEDS_REAUTH, credentials erased, audited, owners and admins emailed", async () => {
    const { connection } = await installedConnection(60_000);
    const admin = await buildMember(workspaceId, "ADMIN");
    const member = await buildMember(workspaceId, "MEMBER");
    sandbox.shop(SHOP).revokeTokens();

    await expect((await access(connection.id)).credentials()).rejects.toThrow(AuthExpiredError);
    const after = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null });

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connection.id } });
    expect(audit).toMatchObject({ workspaceId, action: "connection.needs_reauth", actorId: null });
    expect(audit.metadata).toMatchObject({ provider: "SHOPIFY", name: SHOP, previousStatus: "ACTIVE", reason: expect.stringContaining("Shopify refused the refresh token") });

    const mail = await db.emailOutbox.findMany({ where: { workspaceId, template: "connection-needs-reauth" } });
    const owner = await db.membership.findFirstOrThrow({ where: { workspaceId, role: "OWNER" }, select: { user: { select: { email: true } } } });
    expect(mail.map((m) => m.to).sort()).toEqual([owner.user.email, admin.user.email].sort());
    expect(mail.map((m) => m.to)).not.toContain(member.user.email);
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(mail[0]!.html).toContain(`/api/connections/shopify/install?workspace=${workspace.slug}&amp;shop=${SHOP}`);

    // From now on no request is made: the connection waits for a person to reconnect it.
    await expect((await access(connection.id)).credentials()).rejects.toThrow(/needs to be re-authorized/);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("keeps the connection and its tokens when the provider fails transiently", async () => {
    const { connection, issued } = await installedConnection(60_000);
    sandbox.injectFault({ point: "token", kind: "5xx", shop: SHOP });
    await expect((await access(connection.id)).credentials()).rejects.toThrow(TransientError);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("ACTIVE");
    expect((await storedCredentials(connection.id)).refreshToken).toBe(issued.refresh_token);
    // The next call refreshes.
    expect((await (await access(connection.id)).credentials()).accessToken).not.toBe(issued.access_token);
  });

  it("refuses a connection of another provider, an unknown one, and a provider this server has switched off", async () => {
    const { connection } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    await expect(getConnectionAccess("missing", deps())).rejects.toThrow(PermanentError);
    await expect(getConnectionAccess(connection.id, { config: null })).rejects.toThrow(/Shopify is not set up on this Meridian server\. Set SHOPIFY_API_KEY/);
    const orphan = await buildConnection(workspaceId, { provider: "LEDGERLY" });
    await expect(getConnectionAccess(orphan.id)).rejects.toThrow(/LEDGERLY, which has no connector/);
    await expect(getConnectionAccess(orphan.id, deps())).rejects.toThrow(PermanentError);
  });
});

describe("key rotation", () => {
  it("re-encrypts credentials sealed with an older key on their next use", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    const sealedWithOld = encryptJson(await storedCredentials(connection.id), parseEncryptionKeys(`old:${OLD_KEY}`));
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: sealedWithOld } });

    expect((await (await access(connection.id)).credentials()).accessToken).toBe(issued.access_token);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).encryptedCredentials).toMatch(/^v1:current:/);
    expect((await storedCredentials(connection.id)).accessToken).toBe(issued.access_token);
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe("credentials() during a run", () => {
  it("answers from memory until the token nears expiry, then refreshes", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    let clock = Date.now();
    const ctx = await access(connection.id, { now: () => new Date(clock) });
    expect((await ctx.credentials()).accessToken).toBe(issued.access_token);
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: "not read again" } });
    expect((await ctx.credentials()).accessToken).toBe(issued.access_token);

    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: sealed(issued, REFRESH_MARGIN_MS + 60_000) } });
    clock += 61_000;
    const renewed = (await ctx.credentials()).accessToken;
    expect(renewed).not.toBe(issued.access_token);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe("Shopify's webhook registration (its afterConnect)", () => {
  it("subscribes every non-compliance topic, and a second run finds them already there", async () => {
    const { connection } = await installedConnection(3_600_000);
    sandbox.shop(SHOP).subscriptions.clear();
    const first = await registerWebhooks(await access(connection.id));
    expect(first.failed).toEqual([]);
    expect(first.registered).toHaveLength(REGISTERED_TOPICS.length);
    expect(sandbox.shop(SHOP).subscriptions.list()).toHaveLength(REGISTERED_TOPICS.length);

    const second = await registerWebhooks(await access(connection.id));
    expect(second).toEqual(first);
    expect(sandbox.shop(SHOP).subscriptions.list()).toHaveLength(REGISTERED_TOPICS.length);
    expect(new Set(sandbox.shop(SHOP).subscriptions.list().map((s) => s.uri))).toEqual(new Set(["http://app.test/api/webhooks/shopify"]));
  });
});
