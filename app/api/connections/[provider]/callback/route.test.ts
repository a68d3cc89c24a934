import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { inngest } from "@/inngest/client";
import { buildMember, buildUser, buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { createOAuthState } from "@/server/connectors/_core/oauth-state";
import { exchangeCodeForToken } from "@/server/connectors/shopify/oauth";
import { REGISTERED_TOPICS } from "@/server/connectors/shopify/webhook-topics";
import { db } from "@/server/db";
import { DEFAULT_SHOPIFY_SCOPES, env } from "@/server/env";
import { openOAuthCredentials } from "@/server/services/connections/credentials";
import { GET as installRoute } from "../install/route";
import { GET as callbackRoute } from "./route";

// server/env reads the environment once, on first import: the sandbox's port has to be known
// before that, so it is reserved here and the sandbox is started on it.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "install-test-key",
    SHOPIFY_API_SECRET: "install-test-secret",
    SHOPIFY_SHOP_ORIGIN: `http://localhost:${port}/shops/{shop}`,
    APP_URL: "http://app.test",
  });
  return { SANDBOX_PORT: port };
});

const SHOP = "install-test.myshopify.com";
const OTHER_SHOP = "other-test.myshopify.com";
const APP = "http://app.test";

let sandbox: ShopifySandbox;
let eventApi: Server;
const events: Array<{ name: string; data: Record<string, unknown> }> = [];

beforeAll(async () => {
  sandbox = await startShopifySandbox({
    apiKey: "install-test-key",
    apiSecret: "install-test-secret",
    port: SANDBOX_PORT,
    shops: [
      { domain: SHOP, volume: { orders: 5 } },
      { domain: OTHER_SHOP, volume: { orders: 5 } },
    ],
  });
  // A stand-in for Inngest's Event API, recording what the real client sends.
  eventApi = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as typeof events;
      events.push(...body);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: body.map((_, i) => `e${i}`), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", resolve));
  inngest.setEnvVars({ INNGEST_BASE_URL: `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}`, INNGEST_EVENT_KEY: "k", INNGEST_DEV: "0" });
});

afterAll(async () => {
  await sandbox.stop();
  eventApi.closeAllConnections();
  await new Promise<void>((resolve) => eventApi.close(() => resolve()));
});

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.connection.deleteMany();
  for (const shop of sandbox.shops()) {
    shop.subscriptions.clear();
    shop.revokeTokens();
  }
  sandbox.faults.clear();
  events.length = 0;
});

async function signIn(user: TestUser): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  return `authjs.session-token=${sessionToken}`;
}

type Handler = (request: Request, context: { params: Promise<{ provider: string }> }) => Promise<Response>;

// As Next calls a route handler: the request and the `[provider]` segment of its path.
const route =
  (handler: Handler) =>
  (request: Request): Promise<Response> =>
    handler(request, { params: Promise.resolve({ provider: new URL(request.url).pathname.split("/")[3]! }) });
const install = route(installRoute);
const callback = route(callbackRoute);

const INSTALL = `${APP}/api/connections/shopify/install`;
const CALLBACK = `${APP}/api/connections/shopify/callback`;

const get = (handler: (r: Request) => Promise<Response>, url: string, cookie?: string) =>
  handler(new Request(url, { headers: cookie ? { cookie } : {} }));

function location(response: Response): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

function failureReason(response: Response): string | null {
  const target = location(response);
  expect(target.origin + target.pathname).toBe(`${APP}/connect/error`);
  expect(target.searchParams.get("provider")).toBe("shopify");
  return target.searchParams.get("reason");
}

function stateCookie(response: Response): string {
  const header = response.headers.get("set-cookie")!;
  return header.split(";")[0]!;
}

/** Meridian's side of the start: the Connections form's GET. */
async function begin(session: string, slug: string, shop = SHOP) {
  const response = await get(install, `${INSTALL}?${new URLSearchParams({ workspace: slug, shop })}`, session);
  return { response, authorizeUrl: location(response), cookie: stateCookie(response) };
}

/** The merchant's side, on the sandbox: consent page, then "Install app"; returns our callback URL. */
async function consent(authorizeUrl: URL, atShop?: string): Promise<string> {
  const url = new URL(authorizeUrl);
  if (atShop) url.pathname = url.pathname.replace(/\/shops\/[^/]+\//, `/shops/${atShop}/`);
  expect((await fetch(url)).status).toBe(200);
  const approved = await fetch(url.origin + url.pathname, { method: "POST", body: url.searchParams, redirect: "manual" });
  expect(approved.status).toBe(302);
  return approved.headers.get("location")!;
}

async function stored() {
  return {
    connections: await db.connection.count(),
    audits: await db.auditLog.count({ where: { action: { startsWith: "connection." } } }),
    subscriptions: sandbox.shops().reduce((n, s) => n + s.subscriptions.list().length, 0),
    events: events.length,
  };
}

const nothingStored = { connections: 0, audits: 0, subscriptions: 0, events: 0 };

describe("Shopify connect from Meridian", () => {
  let owner: TestUser;
  let session: string;
  let slug: string;
  let workspaceId: string;
  beforeEach(async () => {
    await db.auditLog.deleteMany();
    const built = await buildWorkspaceWithOwner("Acme");
    owner = built.owner;
    slug = built.workspace.slug;
    workspaceId = built.workspace.id;
    session = await signIn(owner);
  });

  it("connects a store: consent, expiring token stored encrypted, audited, webhooks registered, backfill queued", async () => {
    const { response, authorizeUrl, cookie } = await begin(session, slug);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${sandbox.shopOrigin(SHOP)}/admin/oauth/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      client_id: "install-test-key",
      scope: DEFAULT_SHOPIFY_SCOPES,
      redirect_uri: CALLBACK,
      state: expect.stringMatching(/^[\w-]{32}$/),
    });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=600/);

    const done = await get(callback, await consent(authorizeUrl), `${session}; ${cookie}`);
    const target = location(done);
    expect(target.toString()).toBe(`${APP}/w/${slug}/connections?connected=install-test`);
    expect(done.headers.get("set-cookie")).toMatch(/^meridian_connect_state=; Path=\/api\/connections; .*Max-Age=0/);

    const connection = await db.connection.findFirstOrThrow({ where: { externalAccountId: SHOP } });
    expect(connection).toMatchObject({ workspaceId, provider: "SHOPIFY", status: "ACTIVE", displayName: "install-test" });
    expect(connection.settings).toMatchObject({ shop: SHOP, grantedScopes: DEFAULT_SHOPIFY_SCOPES.split(",") });
    const credentials = openOAuthCredentials(connection.encryptedCredentials!);
    expect(credentials.accessToken).toMatch(/^shpat_/);
    expect(credentials.refreshToken).toMatch(/^shprt_/);
    expect(new Date(credentials.accessTokenExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    // Encrypted at rest: neither token appears anywhere in the stored row.
    const [raw] = await db.$queryRaw<unknown[]>`SELECT * FROM "Connection" WHERE "id" = ${connection.id}`;
    expect(JSON.stringify(raw)).not.toContain(credentials.accessToken);
    expect(JSON.stringify(raw)).not.toContain(credentials.refreshToken!);
    expect(connection.encryptedCredentials).toMatch(/^v1:dev:/);

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connection.id } });
    expect(audit).toMatchObject({ workspaceId, actorId: owner.id, action: "connection.created" });
    expect(JSON.stringify(audit.metadata)).not.toContain(credentials.accessToken);

    const subscriptions = sandbox.shop(SHOP).subscriptions.list();
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(
      [
        "APP_UNINSTALLED",
        "CUSTOMERS_CREATE",
        "CUSTOMERS_DELETE",
        "CUSTOMERS_UPDATE",
        "INVENTORY_LEVELS_UPDATE",
        "ORDERS_CANCELLED",
        "ORDERS_CREATE",
        "ORDERS_DELETE",
        "ORDERS_UPDATED",
        "PRODUCTS_CREATE",
        "PRODUCTS_DELETE",
        "PRODUCTS_UPDATE",
      ].sort(),
    );
    expect(new Set(subscriptions.map((s) => s.uri))).toEqual(new Set([`${APP}/api/webhooks/shopify`]));

    const run = await db.jobRun.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect(run).toMatchObject({ kind: "sync", trigger: "BACKFILL", status: "QUEUED" });
    expect(events).toEqual([
      expect.objectContaining({
        name: "app/connection.sync.requested",
        data: { workspaceId, connectionId: connection.id, trigger: "BACKFILL", job: { jobRunId: run.id } },
      }),
    ]);
  });

  it("reconnects the same Connection after an uninstall", async () => {
    const first = await begin(session, slug);
    await get(callback, await consent(first.authorizeUrl), `${session}; ${first.cookie}`);
    const connection = await db.connection.findFirstOrThrow({ where: { externalAccountId: SHOP } });
    await db.jobRun.updateMany({ data: { status: "SUCCEEDED" } });
    // What app/uninstalled leaves behind.
    await db.connection.update({ where: { id: connection.id }, data: { status: "DISCONNECTED", encryptedCredentials: null } });
    sandbox.shop(SHOP).revokeTokens();
    sandbox.shop(SHOP).subscriptions.clear();

    const again = await begin(session, slug);
    location(await get(callback, await consent(again.authorizeUrl), `${session}; ${again.cookie}`));

    const connections = await db.connection.findMany({ where: { externalAccountId: SHOP } });
    expect(connections.map((c) => c.id)).toEqual([connection.id]);
    expect(connections[0]!.status).toBe("ACTIVE");
    expect(openOAuthCredentials(connections[0]!.encryptedCredentials!).accessToken).toMatch(/^shpat_/);
    const audits = await db.auditLog.findMany({ where: { targetId: connection.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["connection.created", "connection.reconnected"]);
    expect(audits[1]!.metadata).toMatchObject({ previousStatus: "DISCONNECTED" });
    expect(sandbox.shop(SHOP).subscriptions.list()).toHaveLength(REGISTERED_TOPICS.length);
    expect(await db.jobRun.count({ where: { connectionId: connection.id, trigger: "BACKFILL" } })).toBe(2);
  });

  it("refuses to start for a non-admin, a bad shop, or a shop another workspace has; asks a signed-out user to sign in", async () => {
    const member = await buildMember(workspaceId, "MEMBER");
    const asMember = await get(install, `${INSTALL}?workspace=${slug}&shop=${SHOP}`, await signIn(member.user));
    expect(failureReason(asMember)).toBe("workspace_not_found");

    for (const shop of ["evil.com", "x.myshopify.com.evil.com", ""]) {
      expect(failureReason(await get(install, `${INSTALL}?workspace=${slug}&shop=${encodeURIComponent(shop)}`, session))).toBe("invalid_account");
    }

    const signedOut = location(await get(install, `${INSTALL}?workspace=${slug}&shop=${SHOP}`));
    expect(signedOut.pathname).toBe("/signin");
    expect(signedOut.searchParams.get("callbackUrl")).toBe(`/api/connections/shopify/install?workspace=${slug}&shop=${SHOP}`);

    const first = await begin(session, slug);
    await get(callback, await consent(first.authorizeUrl), `${session}; ${first.cookie}`);
    const rival = await buildWorkspaceWithOwner("Rival");
    const rivalSession = await signIn(rival.owner);
    expect(failureReason(await get(install, `${INSTALL}?workspace=${rival.workspace.slug}&shop=${SHOP}`, rivalSession))).toBe(
      "account_in_other_workspace",
    );
  });

  it("answers a NUL byte in any query parameter with 400 naming it, before anything runs", async () => {
    const refusedInstall = await get(install, `${INSTALL}?workspace=${slug}%00&shop=${SHOP}`, session);
    expect(refusedInstall.status).toBe(400);
    expect(await refusedInstall.json()).toMatchObject({ error: "invalid_parameter", field: "workspace" });

    const { authorizeUrl, cookie } = await begin(session, slug);
    const back = new URL(await consent(authorizeUrl));
    back.searchParams.set("state", `${back.searchParams.get("state")}\u0000`);
    const refusedCallback = await get(callback, back.toString(), `${session}; ${cookie}`);
    expect(refusedCallback.status).toBe(400);
    expect(await refusedCallback.json()).toMatchObject({ error: "invalid_parameter", field: "state" });
    expect(refusedCallback.headers.get("set-cookie")).toMatch(/^meridian_connect_state=; .*Max-Age=0/);
    expect(await stored()).toEqual(nothingStored);
  });

  describe("callback failures store nothing", () => {
    it("missing or bad HMAC, and a stale request", async () => {
      const { authorizeUrl, cookie } = await begin(session, slug);
      const back = new URL(await consent(authorizeUrl));

      const unsigned = new URL(back);
      unsigned.searchParams.delete("hmac");
      expect(failureReason(await get(callback, unsigned.toString(), `${session}; ${cookie}`))).toBe("missing_hmac");

      const forged = new URL(back);
      forged.searchParams.set("code", "attacker-code");
      expect(failureReason(await get(callback, forged.toString(), `${session}; ${cookie}`))).toBe("invalid_hmac");

      const old = Object.fromEntries(back.searchParams);
      delete old.hmac;
      const stale = new URL(`${CALLBACK}?${new URLSearchParams(sandbox.signQuery({ ...old, timestamp: String(Math.floor(Date.now() / 1000) - 300) }))}`);
      expect(failureReason(await get(callback, stale.toString(), `${session}; ${cookie}`))).toBe("stale_request");

      expect(await stored()).toEqual(nothingStored);
    });

    it("missing, expired or mismatched state, another user, and a signed-out callback", async () => {
      const { authorizeUrl, cookie } = await begin(session, slug);
      const back = await consent(authorizeUrl);
      expect(failureReason(await get(callback, back, session))).toBe("state_missing");
      expect(failureReason(await get(callback, back, `${session}; meridian_connect_state=forged.value`))).toBe("state_missing");

      // Another install started in the same browser: its cookie does not match this state.
      const later = await begin(session, slug);
      expect(failureReason(await get(callback, back, `${session}; ${later.cookie}`))).toBe("state_mismatch");

      const intruder = await buildUser();
      expect(failureReason(await get(callback, back, `${await signIn(intruder)}; ${cookie}`))).toBe("user_mismatch");
      expect(failureReason(await get(callback, back, cookie))).toBe("signed_out");

      // A genuine cookie and a genuinely signed callback, 11 minutes after the start.
      const expired = createOAuthState(env.AUTH_SECRET, { provider: "SHOPIFY", workspaceId, account: SHOP, userId: owner.id }, new Date(Date.now() - 11 * 60_000));
      const signed = sandbox.signQuery({ code: "c", shop: SHOP, state: expired.state.nonce, timestamp: String(Math.floor(Date.now() / 1000)) });
      const expiredCallback = `${CALLBACK}?${new URLSearchParams(signed)}`;
      expect(failureReason(await get(callback, expiredCallback, `${session}; meridian_connect_state=${expired.cookieValue}`))).toBe("state_expired");

      expect(await stored()).toEqual(nothingStored);
    });

    it("a callback for another shop than the one the install was started for", async () => {
      const { authorizeUrl, cookie } = await begin(session, slug, SHOP);
      const back = await consent(authorizeUrl, OTHER_SHOP);
      expect(new URL(back).searchParams.get("shop")).toBe(OTHER_SHOP);
      expect(failureReason(await get(callback, back, `${session}; ${cookie}`))).toBe("account_mismatch");
      expect(await stored()).toEqual(nothingStored);
    });

    it("a refused exchange, Shopify failing, and a truncated answer", async () => {
      const { authorizeUrl, cookie } = await begin(session, slug);
      const back = await consent(authorizeUrl);
      // The code was already redeemed (codes are single use).
      await exchangeCodeForToken({ apiKey: "install-test-key", apiSecret: "install-test-secret", shopOrigin: sandbox.shopOrigin(SHOP), code: new URL(back).searchParams.get("code")! });
      expect(failureReason(await get(callback, back, `${session}; ${cookie}`))).toBe("exchange_refused");

      for (const kind of ["5xx", "truncated"] as const) {
        const attempt = await begin(session, slug);
        const url = await consent(attempt.authorizeUrl);
        sandbox.injectFault({ point: "token", kind, shop: SHOP });
        expect(failureReason(await get(callback, url, `${session}; ${attempt.cookie}`)), kind).toBe("provider_unreachable");
      }
      expect(sandbox.faults.fired.token).toBe(2);
      expect(await stored()).toEqual(nothingStored);
    });

    it("a shop another workspace connected while this install was at Shopify", async () => {
      const rival = await buildWorkspaceWithOwner("Rival");
      const rivalSession = await signIn(rival.owner);
      const slow = await begin(rivalSession, rival.workspace.slug);
      const slowBack = await consent(slow.authorizeUrl);

      const fast = await begin(session, slug);
      location(await get(callback, await consent(fast.authorizeUrl), `${session}; ${fast.cookie}`));
      const before = await stored();

      expect(failureReason(await get(callback, slowBack, `${rivalSession}; ${slow.cookie}`))).toBe("account_in_other_workspace");
      expect(await stored()).toEqual(before);
      expect(await db.connection.count({ where: { workspaceId: rival.workspace.id } })).toBe(0);
    });
  });
});

describe("connect routes", () => {
  it("answer 404 for a provider without a connector, before anything runs", async () => {
    for (const path of ["/api/connections/woocommerce/install", "/api/connections/woocommerce/callback", "/api/connections/SHOPIFY/install"]) {
      const handler = path.endsWith("callback") ? callback : install;
      expect((await get(handler, `${APP}${path}?workspace=x`)).status, path).toBe(404);
    }
  });
});

describe("Shopify connect started from Shopify", () => {
  it("verifies the signed launch and sends the user to the workspace picker", async () => {
    const launch = sandbox.installRequest(INSTALL, SHOP);
    const picker = location(await get(install, launch));
    expect(picker.toString()).toBe(`${APP}/connect/shopify?account=${SHOP}`);

    const tampered = new URL(launch);
    tampered.searchParams.set("shop", OTHER_SHOP);
    expect(failureReason(await get(install, tampered.toString()))).toBe("invalid_hmac");

    const old = new URL(sandbox.installRequest(INSTALL, SHOP));
    const params = Object.fromEntries(old.searchParams);
    delete params.hmac;
    const stale = `${INSTALL}?${new URLSearchParams(sandbox.signQuery({ ...params, timestamp: String(Math.floor(Date.now() / 1000) - 3600) }))}`;
    expect(failureReason(await get(install, stale))).toBe("stale_request");
  });
});
