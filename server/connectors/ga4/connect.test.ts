import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_PROPERTY, SECOND_PROPERTY, startGa4Sandbox, type Ga4Sandbox, type ServiceAccountKeyFile } from "@/dev/sandbox/ga4";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { consentThroughCallback } from "@/dev/test/oauth-consent";
import { inngest } from "@/inngest/client";
import { buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { callerFor, errorOf, snapshotTables } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { openOAuthCredentials } from "@/server/services/connections/credentials";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { completePendingChoice, loadPendingChoice } from "@/server/services/connections/pending-account-choice";
import { GA4_SCOPE, ga4Connector } from ".";

// Connecting GA4, both ways, through the services and the tRPC caller: the database, and the
// sandbox GA4's token endpoint, consent page, Admin API (the properties a caller can read) and
// Data API over real HTTP.

const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/ga4-sandbox-env")).pointGa4AtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15);
let sandbox: Ga4Sandbox;
// Where a connect queues the first sync.
let harness: InngestHarness;

beforeAll(async () => {
  sandbox = await startGa4Sandbox({ seed: "ga4-connect", shop: { seed: 7, volume: { orders: 40 }, epoch: EPOCH }, port: SANDBOX_PORT });
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness?.stop();
  await sandbox?.stop();
});

let owner: TestUser;
let slug: string;
beforeEach(async () => {
  await db.connection.deleteMany({ where: { provider: "GA4" } });
  ({ owner, workspace: { slug } } = await buildWorkspaceWithOwner("GA4 Connect"));
});

async function control<T>(name: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A key file as the Cloud console downloads it, for a new service account of the demo property (and the second one). */
async function keyFile(options: { secondProperty?: boolean } = {}): Promise<ServiceAccountKeyFile> {
  const email = `sync-${Math.random().toString(36).slice(2, 8)}@meridian-sandbox.iam.gserviceaccount.com`;
  return control<ServiceAccountKeyFile>("createServiceAccountKey", { email, secondProperty: options.secondProperty ?? false });
}

const listAccounts = (as: TestUser, workspaceSlug: string, file: string) =>
  callerFor(as).connection.credentialAccounts({ workspaceSlug, provider: "GA4", credentials: { keyFile: file } });
const create = (as: TestUser, workspaceSlug: string, file: string, account?: string) =>
  callerFor(as).connection.create({ workspaceSlug, provider: "GA4", credentials: { keyFile: file }, ...(account ? { account } : {}) });

/** Every row of every table as text, for finding a secret wherever it might have been written. */
async function databaseText(): Promise<string> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const texts = await Promise.all(tables.map(({ name }) => db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT string_agg(t::text, '|') AS t FROM "${name.replaceAll('"', '""')}" t`)));
  return texts.map(([row]) => row?.t ?? "").join("\n");
}

describe("connecting GA4 with a service account's key file", () => {
  it("checks the file field by field before calling Google, and stores nothing", async () => {
    const key = await keyFile();
    const before = await snapshotTables();
    const variants: [string, string, RegExp][] = [
      ["not JSON", "{ not json", /not JSON/],
      ["an OAuth client file", JSON.stringify({ ...key, type: "authorized_user" }), /^type is "authorized_user", not "service_account"/],
      ["no client_email", JSON.stringify({ ...key, client_email: undefined }), /^client_email is missing/],
      ["a bad client_email", JSON.stringify({ ...key, client_email: "sync at example" }), /^client_email "sync at example" is not an email address/],
      ["a truncated private_key", JSON.stringify({ ...key, private_key: key.private_key.slice(0, 200) }), /^private_key is not an RSA private key in PEM form/],
      ["no token_uri", JSON.stringify({ ...key, token_uri: undefined }), /^token_uri is missing/],
    ];
    for (const [what, file, message] of variants) {
      const refused = await errorOf(listAccounts(owner, slug, file));
      expect(refused.code, what).toBe("BAD_REQUEST");
      expect(refused.cause, what).toMatchObject({ issues: [{ path: ["keyFile"], message: expect.stringMatching(message) }] });
    }
    // Each field's problem is its own message.
    const twoWrong = await errorOf(create(owner, slug, JSON.stringify({ ...key, client_email: undefined, token_uri: undefined })));
    expect((twoWrong.cause as unknown as { issues: { message: string }[] }).issues.map((i) => i.message.split(" ")[0])).toEqual(["client_email", "token_uri"]);
    expect(await snapshotTables()).toEqual(before);
  });

  it("lists the one property the account is a user of and connects it without asking; the key never reaches the database in the clear", async () => {
    const key = await keyFile();
    expect(await listAccounts(owner, slug, JSON.stringify(key))).toEqual({
      label: "GA4 property",
      accounts: [{ id: DEMO_PROPERTY.id, label: DEMO_PROPERTY.displayName, detail: `${DEMO_PROPERTY.account.displayName} · properties/${DEMO_PROPERTY.id}` }],
    });
    const created = await create(owner, slug, JSON.stringify(key));
    expect(created).toMatchObject({ displayName: `GA4 · ${DEMO_PROPERTY.displayName}`, reconnected: false });
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      provider: "GA4",
      authMethod: "CREDENTIALS",
      externalAccountId: `properties/${DEMO_PROPERTY.id}`,
      settings: { propertyId: DEMO_PROPERTY.id, propertyName: DEMO_PROPERTY.displayName, timeZone: DEMO_PROPERTY.timeZone, currencyCode: DEMO_PROPERTY.currencyCode, serviceAccountEmail: key.client_email },
    });
    expect(row.encryptedCredentials).toMatch(/^v1:/);

    const { accessToken } = await (await getConnectionAccess(created.id, { provider: "GA4" })).credentials();
    // What the sync is handed is a token the Data API takes, never the key.
    const metadata = await fetch(`${sandbox.url}/v1beta/properties/${DEMO_PROPERTY.id}/metadata`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(metadata.status).toBe(200);
    const everything = await databaseText();
    const pemBody = key.private_key.split("\n")[1]!;
    expect(pemBody.length).toBeGreaterThan(40);
    expect(everything).not.toContain(pemBody);
    expect(everything).not.toContain(accessToken);
  });

  it("asks which of two properties, and connects the one picked", async () => {
    const file = JSON.stringify(await keyFile({ secondProperty: true }));
    const { accounts } = await listAccounts(owner, slug, file);
    expect(accounts.map((a) => a.id)).toEqual([DEMO_PROPERTY.id, SECOND_PROPERTY.id]);
    const unpicked = await errorOf(create(owner, slug, file));
    expect(unpicked.cause).toMatchObject({ issues: [{ path: ["account"], message: "Choose the GA4 property to connect." }] });

    const created = await create(owner, slug, file, SECOND_PROPERTY.id);
    expect(created.displayName).toBe(`GA4 · ${SECOND_PROPERTY.displayName}`);
    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ externalAccountId: `properties/${SECOND_PROPERTY.id}`, settings: { timeZone: "Europe/London", currencyCode: "GBP" } });
  });

  it("says exactly what to do when the service account is not a user of the property", async () => {
    const key = await keyFile();
    const file = JSON.stringify(key);
    await listAccounts(owner, slug, file);
    await control("setPropertyUser", { email: key.client_email, user: false });
    const refused = await errorOf(create(owner, slug, file, DEMO_PROPERTY.id));
    expect(refused.cause).toMatchObject({
      issues: [{ path: ["account"], message: `${key.client_email} is not a user of property properties/${DEMO_PROPERTY.id}: in GA4 Admin → Property access management, add it as a Viewer, then try again` }],
    });
    expect(await db.connection.count({ where: { provider: "GA4" } })).toBe(0);
  });

  it("trades the key for a token once across parallel callers, and every process reuses it until it nearly expires", async () => {
    const created = await create(owner, slug, JSON.stringify(await keyFile()));
    const exchange = vi.spyOn(ga4Connector.auth.credentials, "exchange");
    try {
      // Four processes' contexts asking at once: one trade, the rest wait on the row and read it.
      const contexts = await Promise.all([1, 2, 3, 4].map(() => getConnectionAccess(created.id, { provider: "GA4" })));
      const tokens = await Promise.all(contexts.map((ctx) => ctx.credentials()));
      expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
      expect(exchange).toHaveBeenCalledTimes(1);
      expect(tokens[0]).toMatchObject({ scopes: [GA4_SCOPE] });

      // A later process, within the hour: the stored token.
      const later = await getConnectionAccess(created.id, { provider: "GA4", now: () => new Date(Date.now() + 50 * 60_000) });
      expect((await later.credentials()).accessToken).toBe(tokens[0]!.accessToken);
      expect(exchange).toHaveBeenCalledTimes(1);

      // Under five minutes left: traded again, and the new token works.
      const nearExpiry = await getConnectionAccess(created.id, { provider: "GA4", now: () => new Date(Date.now() + 56 * 60_000) });
      const renewed = await nearExpiry.credentials();
      expect(renewed.accessToken).not.toBe(tokens[0]!.accessToken);
      expect(exchange).toHaveBeenCalledTimes(2);
      const metadata = await fetch(`${sandbox.url}/v1beta/properties/${DEMO_PROPERTY.id}/metadata`, { headers: { authorization: `Bearer ${renewed.accessToken}` } });
      expect(metadata.status).toBe(200);
    } finally {
      exchange.mockRestore();
    }
  });

  it("keeps a property to one workspace, and a workspace's key to its members", async () => {
    const file = JSON.stringify(await keyFile());
    await create(owner, slug, file);
    const other = await buildWorkspaceWithOwner("GA4 Other");
    const taken = await errorOf(create(other.owner, other.workspace.slug, JSON.stringify(await keyFile())));
    expect(taken).toMatchObject({ code: "CONFLICT", message: `Google Analytics 4 account properties/${DEMO_PROPERTY.id} is already connected to another Meridian workspace.` });
    // Not a member of the first workspace: as if it did not exist.
    expect((await errorOf(listAccounts(other.owner, slug, file))).code).toBe("NOT_FOUND");
  });
});

describe("connecting GA4 through Google's consent screen", () => {
  it("asks for offline read-only access, then lets the person pick among the properties their Google account reads", async () => {
    const { completed, consent } = await consentThroughCallback("GA4", owner.id, new URLSearchParams({ workspace: slug }));
    expect(`${consent.origin}${consent.pathname}`).toBe(`${sandbox.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({ scope: GA4_SCOPE, access_type: "offline", prompt: "consent", response_type: "code" });
    if (!("kind" in completed)) throw new Error("a Google account reading two properties picks one");
    expect(await db.connection.count({ where: { provider: "GA4" } })).toBe(0);

    const choice = await loadPendingChoice({ provider: "GA4", cookieValue: completed.cookieValue, userId: owner.id });
    expect(choice).toMatchObject({ label: "GA4 property", accounts: [{ id: DEMO_PROPERTY.id }, { id: SECOND_PROPERTY.id }] });

    // Someone else holding the cookie cannot use the grant.
    const stranger = await buildWorkspaceWithOwner("GA4 Stranger");
    await expect(completePendingChoice({ provider: "GA4", cookieValue: completed.cookieValue, userId: stranger.owner.id, accountId: DEMO_PROPERTY.id, actor: { actorId: stranger.owner.id, ip: null, userAgent: null } })).rejects.toMatchObject({ reason: "user_mismatch" });

    const connected = await completePendingChoice({ provider: "GA4", cookieValue: completed.cookieValue, userId: owner.id, accountId: DEMO_PROPERTY.id, actor: { actorId: owner.id, ip: null, userAgent: null } });
    expect(connected).toMatchObject({ workspaceSlug: slug, externalAccountId: `properties/${DEMO_PROPERTY.id}`, displayName: `GA4 · ${DEMO_PROPERTY.displayName}` });
    const row = await db.connection.findUniqueOrThrow({ where: { id: connected.connectionId } });
    expect(row).toMatchObject({ authMethod: "OAUTH", settings: { propertyId: DEMO_PROPERTY.id, timeZone: DEMO_PROPERTY.timeZone } });
    expect(row.settings).not.toHaveProperty("serviceAccountEmail");
    const tokens = openOAuthCredentials(row.encryptedCredentials!);
    expect(tokens.refreshToken).toMatch(/^1\/\/sandbox-/);
    expect(JSON.stringify(row)).not.toContain(tokens.refreshToken!);
  });

  it("a cookie that is not a pending choice is refused", async () => {
    expect(await loadPendingChoice({ provider: "GA4", cookieValue: "forged", userId: owner.id })).toEqual({ failed: "choice_missing" });
  });
});
