import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { AuthExpiredError, TransientError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import type { ShopifyAppConfig } from "@/server/env";
import { encryptJson } from "@/server/security/encryption";
import { parseEncryptionKeys } from "@/server/security/encryption-keys";
import { openShopifyCredentials, sealShopifyCredentials } from "./credentials";
import { getShopifyAccess, REFRESH_MARGIN_MS, shopifyAccessTokenSource } from "./get-shopify-access";
import { registerShopifyWebhooks } from "./register-webhooks";
import { REGISTERED_TOPICS } from "./webhook-topics";

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

// Counts the requests that reach the sandbox's token endpoint; the requests themselves are real.
let tokenRequests = 0;
const countingFetch: typeof fetch = (input, init) => {
  if (String(input).endsWith("/admin/oauth/access_token")) tokenRequests++;
  return fetch(input, init);
};
const deps = () => ({ config, tokenRequest: { fetch: countingFetch } });

let workspaceId: string;
beforeEach(async () => {
  tokenRequests = 0;
  sandbox.faults.clear();
  await db.connection.deleteMany();
  ({
    workspace: { id: workspaceId },
  } = await buildWorkspaceWithOwner("Access"));
});

/** A connection installed on the sandbox whose access token (as stored) expires in `expiresInMs`. */
async function installedConnection(expiresInMs: number) {
  const issued = sandbox.shop(SHOP).install(SCOPES);
  const connection = await buildConnection(workspaceId, {
    externalAccountId: SHOP,
    encryptedCredentials: sealShopifyCredentials({
      accessToken: issued.access_token,
      accessTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      refreshToken: issued.refresh_token,
      refreshTokenExpiresAt: null,
      scopes: SCOPES,
    }),
  });
  return { connection, issued };
}

// The credentials installedConnection stored (the stored expiry is what matters to the refresh).
async function installedConnectionCredentials(issued: { access_token: string; refresh_token: string }) {
  return sealShopifyCredentials({
    accessToken: issued.access_token,
    accessTokenExpiresAt: new Date(Date.now() + REFRESH_MARGIN_MS + 60_000).toISOString(),
    refreshToken: issued.refresh_token,
    refreshTokenExpiresAt: null,
    scopes: SCOPES,
  });
}

const storedCredentials = async (id: string) => openShopifyCredentials((await db.connection.findUniqueOrThrow({ where: { id } })).encryptedCredentials!);

describe("getShopifyAccess", () => {
  it("returns the stored token without a refresh while it has more than 5 minutes left", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    const access = await getShopifyAccess(connection.id, deps());
    expect(access).toMatchObject({
      connectionId: connection.id,
      workspaceId,
      shop: SHOP,
      shopOrigin: sandbox.shopOrigin(SHOP),
      accessToken: issued.access_token,
      scopes: SCOPES,
    });
    expect(tokenRequests).toBe(0);
  });

  it("refreshes a token about to expire exactly once for 10 concurrent callers and saves the rotated pair", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS - 60_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => getShopifyAccess(connection.id, deps())));

    expect(tokenRequests).toBe(1);
    const tokens = new Set(results.map((r) => r.accessToken));
    expect(tokens.size).toBe(1);
    const [renewed] = [...tokens];
    expect(renewed).not.toBe(issued.access_token);

    const saved = await storedCredentials(connection.id);
    expect(saved.accessToken).toBe(renewed);
    expect(saved.refreshToken).not.toBe(issued.refresh_token);
    expect(new Date(saved.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(saved.refreshTokenExpiresAt).not.toBeNull();

    // The saved token works against the Admin API, and the next call needs no refresh.
    const check = await fetch(`${sandbox.shopOrigin(SHOP)}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": renewed! },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(check.status).toBe(200);
    await getShopifyAccess(connection.id, deps());
    expect(tokenRequests).toBe(1);
  });

  it("marks the connection NEEDS_REAUTH, audits and emails owners and admins when Shopify refuses the refresh", async () => {
    const { connection } = await installedConnection(60_000);
    const admin = await buildMember(workspaceId, "ADMIN");
    const member = await buildMember(workspaceId, "MEMBER");
    sandbox.shop(SHOP).revokeTokens();

    await expect(getShopifyAccess(connection.id, deps())).rejects.toThrow(AuthExpiredError);
    const after = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null });

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connection.id } });
    expect(audit).toMatchObject({ workspaceId, action: "connection.needs_reauth", actorId: null });

    const mail = await db.emailOutbox.findMany({ where: { workspaceId, template: "connection-needs-reauth" } });
    const owner = await db.membership.findFirstOrThrow({ where: { workspaceId, role: "OWNER" }, select: { user: { select: { email: true } } } });
    expect(mail.map((m) => m.to).sort()).toEqual([owner.user.email, admin.user.email].sort());
    expect(mail.map((m) => m.to)).not.toContain(member.user.email);
    expect(mail[0]!.html).toContain(`/api/shopify/install?workspace=`);

    // From now on no request is made: the connection waits for a person to reconnect it.
    await expect(getShopifyAccess(connection.id, deps())).rejects.toThrow(/needs to be re-authorized/);
    expect(tokenRequests).toBe(1);
  });

  it("keeps the connection and its tokens when Shopify fails transiently", async () => {
    const { connection, issued } = await installedConnection(60_000);
    sandbox.injectFault({ point: "token", kind: "5xx", shop: SHOP });
    await expect(getShopifyAccess(connection.id, deps())).rejects.toThrow(TransientError);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("ACTIVE");
    expect((await storedCredentials(connection.id)).refreshToken).toBe(issued.refresh_token);
    // The next call refreshes.
    expect((await getShopifyAccess(connection.id, deps())).accessToken).not.toBe(issued.access_token);
  });
});

describe("key rotation", () => {
  it("re-encrypts credentials sealed with an older key on their next use", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    const sealedWithOld = encryptJson(await storedCredentials(connection.id), parseEncryptionKeys(`old:${OLD_KEY}`));
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: sealedWithOld } });

    expect((await getShopifyAccess(connection.id, deps())).accessToken).toBe(issued.access_token);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).encryptedCredentials).toMatch(/^v1:current:/);
    expect((await storedCredentials(connection.id)).accessToken).toBe(issued.access_token);
    expect(tokenRequests).toBe(0);
  });
});

describe("shopifyAccessTokenSource", () => {
  it("answers from memory until the token nears expiry, then refreshes through getShopifyAccess", async () => {
    const { connection, issued } = await installedConnection(REFRESH_MARGIN_MS + 60_000);
    let clock = Date.now();
    const token = shopifyAccessTokenSource(connection.id, { ...deps(), now: () => new Date(clock) });
    expect(await token()).toBe(issued.access_token);
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: "not read again" } });
    expect(await token()).toBe(issued.access_token);

    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: (await installedConnectionCredentials(issued)) } });
    clock += 61_000;
    const renewed = await token();
    expect(renewed).not.toBe(issued.access_token);
    expect(tokenRequests).toBe(1);
  });
});

describe("registerShopifyWebhooks", () => {
  it("subscribes every non-compliance topic, and a second run finds them already there", async () => {
    const { connection } = await installedConnection(3_600_000);
    sandbox.shop(SHOP).subscriptions.clear();
    const first = await registerShopifyWebhooks(connection.id, deps());
    expect(first.failed).toEqual([]);
    expect(first.registered).toHaveLength(REGISTERED_TOPICS.length);
    expect(sandbox.shop(SHOP).subscriptions.list()).toHaveLength(REGISTERED_TOPICS.length);

    const second = await registerShopifyWebhooks(connection.id, deps());
    expect(second).toEqual(first);
    expect(sandbox.shop(SHOP).subscriptions.list()).toHaveLength(REGISTERED_TOPICS.length);
  });
});
