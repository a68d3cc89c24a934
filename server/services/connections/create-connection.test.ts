import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { KEYRING, keyringConnector, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf, snapshotTables } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { openCredentialValues } from "./credentials";
import { getConnectionAccess } from "./get-connection-access";
import { markNeedsReauth } from "./mark-needs-reauth";

// connection.create end to end with a throwaway provider that connects with an API key: the tRPC
// caller, the database, the real Inngest client (to a local runner) and a real HTTP server standing
// in for the provider. Only the list of connectors is the test's own.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

let keyring: KeyringApi;
let harness: InngestHarness;
beforeAll(async () => {
  keyring = await startKeyringApi();
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness.stop();
  await keyring.stop();
});

let owner: Awaited<ReturnType<typeof buildWorkspaceWithOwner>>["owner"];
let workspace: Awaited<ReturnType<typeof buildWorkspaceWithOwner>>["workspace"];
beforeEach(async () => {
  ({ owner, workspace } = await buildWorkspaceWithOwner("Keyring Test"));
});

const create = (as: { id: string; email: string }, credentials: Record<string, string>, slug = workspace.slug) =>
  callerFor(as).connection.create({ workspaceSlug: slug, provider: KEYRING as never, credentials });

describe("connection.create", () => {
  it("checks the key with one live call first: refused, nothing is stored and the field says why", async () => {
    keyring.issueKey("acct-refused");
    const before = await snapshotTables();
    const calls = keyring.accountRequests;

    const refused = await errorOf(create(owner, { apiKey: "kr_not-a-key", region: "eu" }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.cause).toMatchObject({ issues: [{ path: ["apiKey"], message: "Keyring does not accept this API key." }] });
    expect(keyring.accountRequests).toBe(calls + 1);

    // Values the connector's schema refuses never reach the provider.
    const invalid = await errorOf(create(owner, { apiKey: "", region: "mars" }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.cause).toMatchObject({ issues: [{ path: ["apiKey"], message: "Enter the API key." }, { path: ["region"], message: "Enter eu or us." }] });
    expect(keyring.accountRequests).toBe(calls + 1);

    expect(await snapshotTables()).toEqual(before);
  });

  it("stores an accepted key encrypted, audits it, queues the first sync, and its context answers the key", async () => {
    const apiKey = keyring.issueKey("acct-acme", "Acme Books");
    const created = await create(owner, { apiKey, region: "us" });
    expect(created).toMatchObject({ displayName: "Acme Books", reconnected: false });

    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ workspaceId: workspace.id, provider: KEYRING, externalAccountId: "acct-acme", status: "ACTIVE", settings: { accountId: "acct-acme" } });
    expect(row.encryptedCredentials).toMatch(/^v1:dev:/);
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect(openCredentialValues(row.encryptedCredentials!, keyringConnector.auth.credentials.schema)).toEqual({ apiKey, region: "us" });

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: created.id } });
    expect(audit).toMatchObject({ workspaceId: workspace.id, actorId: owner.id, action: "connection.created", metadata: { provider: KEYRING, name: "acct-acme" } });
    expect(JSON.stringify(audit)).not.toContain(apiKey);

    const run = await db.jobRun.findFirstOrThrow({ where: { connectionId: created.id } });
    expect(run).toMatchObject({ kind: "sync", trigger: "BACKFILL", status: "QUEUED" });
    expect(harness.runner.listEvents({ name: "app/connection.sync.requested" }).map((e) => e.data)).toContainEqual(
      expect.objectContaining({ connectionId: created.id, trigger: "BACKFILL", job: { jobRunId: run.id } }),
    );

    const ctx = await getConnectionAccess(created.id, { provider: KEYRING as never });
    expect(await ctx.credentials()).toEqual({ apiKey, region: "us" });
  });

  it("refuses an account this workspace or another already has, changing nothing", async () => {
    const apiKey = keyring.issueKey("acct-twice");
    await create(owner, { apiKey, region: "eu" });
    const before = await snapshotTables();

    const again = await errorOf(create(owner, { apiKey, region: "eu" }));
    expect(again).toMatchObject({ code: "CONFLICT", message: "Keyring account acct-twice is already connected to this workspace." });
    const other = await buildWorkspaceWithOwner("Other");
    const elsewhere = await errorOf(create(other.owner, { apiKey, region: "eu" }, other.workspace.slug));
    expect(elsewhere).toMatchObject({ code: "CONFLICT", message: "Keyring account acct-twice is already connected to another Meridian workspace." });

    // The other workspace was made meanwhile; nothing the refusals could touch changed.
    const unchanged = await snapshotTables();
    for (const table of ["Connection", "AuditLog", "JobRun"]) expect(unchanged[table]).toBe(before[table]);
  });

  it("takes new credentials for a connection that needs re-authorization, whose email links back to this form", async () => {
    const apiKey = keyring.issueKey("acct-rotated");
    const first = await create(owner, { apiKey, region: "eu" });
    await markNeedsReauth(first.id, "Keyring refused the key (HTTP 401)");
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { workspaceId: workspace.id, template: "connection-needs-reauth" } });
    expect(mail.html).toContain(`/w/${workspace.slug}/connections?connect=keyring`);

    const renewed = keyring.issueKey("acct-rotated");
    expect(await create(owner, { apiKey: renewed, region: "eu" })).toMatchObject({ id: first.id, reconnected: true });
    const row = await db.connection.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.status).toBe("ACTIVE");
    expect(openCredentialValues(row.encryptedCredentials!, keyringConnector.auth.credentials.schema)).toEqual({ apiKey: renewed, region: "eu" });
    expect((await db.auditLog.findMany({ where: { targetId: first.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action)).toEqual([
      "connection.created",
      "connection.needs_reauth",
      "connection.reconnected",
    ]);
  });

  it("is for admins and owners, and not for a provider that connects through OAuth", async () => {
    const member = await buildMember(workspace.id, "MEMBER");
    const before = await snapshotTables();
    expect((await errorOf(create(member.user, { apiKey: keyring.issueKey("acct-member"), region: "eu" }))).code).toBe("FORBIDDEN");
    const shopify = await errorOf(callerFor(owner).connection.create({ workspaceSlug: workspace.slug, provider: "SHOPIFY", credentials: {} }));
    expect(shopify).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Shopify connects through Shopify's own consent screen") });
    expect(await snapshotTables()).toEqual(before);
  });
});

describe("connection.providers", () => {
  it("lists every connector with what it syncs and how it connects, and says why one is unavailable", async () => {
    const providers = await callerFor(owner).connection.providers({ workspaceSlug: workspace.slug });
    expect(providers.find((p) => p.slug === "keyring")).toMatchObject({
      provider: KEYRING,
      name: "Keyring",
      category: "accounting",
      unavailable: null,
      ways: [{ kind: "credentials", label: null, fields: [expect.objectContaining({ name: "apiKey", type: "secret" }), expect.objectContaining({ name: "region", type: "text" })] }],
    });
    // The test server runs without SHOPIFY_API_KEY/SECRET.
    expect(providers.find((p) => p.provider === "SHOPIFY")).toMatchObject({
      ways: [{ kind: "oauth", account: expect.objectContaining({ name: "shop", label: "Store address" }) }],
      unavailable: expect.stringContaining("SHOPIFY_API_KEY"),
    });
    // Nor SHIPBOB_CLIENT_ID/SECRET: ShipBob connects with a token only.
    expect(providers.find((p) => p.provider === "SHIPBOB")).toMatchObject({ unavailable: null, ways: [{ kind: "credentials", label: "Use a personal access token" }] });
  });
});
