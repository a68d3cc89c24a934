import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { KEYRING, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { serveWebhookRoute, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { POST } from "./webhooks/[provider]/route";

// The "one folder" claim, proven in one flow: Keyring (dev/test/keyring.ts: a connector and its
// HTTP stand-in in one file, registered in this file's registry only) is connected through the
// connect mutation, synced by the first sync that connecting queues (the engine, the local Inngest
// runner over HTTP, a batch a step), and kept current by a signed delivery to the webhook route.
// No other file knows Keyring.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

// Next runs what the route hands to `after()` once the response has gone; here the intake server does.
const afterCallbacks = vi.hoisted(() => [] as Array<() => Promise<void>>);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (callback: () => Promise<void>) => void afterCallbacks.push(callback),
}));

let keyring: KeyringApi;
let harness: InngestHarness;
let intake: WebhookIntake;
beforeAll(async () => {
  keyring = await startKeyringApi();
  harness = await withInngestRunner(inngest, [syncConnection, processWebhookJob]);
  intake = await serveWebhookRoute(POST, afterCallbacks);
});
afterAll(async () => {
  await intake?.close();
  await harness?.stop();
  await keyring?.stop();
});

async function finishedRun(where: { connectionId: string; kind: string }) {
  for (const deadline = Date.now() + 30_000; ; ) {
    const run = await db.jobRun.findFirst({ where, orderBy: { queuedAt: "desc" } });
    if (run && run.status !== "QUEUED" && run.status !== "RUNNING") return run;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for a ${where.kind} run: ${run?.status ?? "none"}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("a provider added in one folder", () => {
  it("connects with the connect mutation, syncs through the engine and the runner, and takes a signed webhook through the route", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("One Folder Brand");
    const account = `acct-${workspace.id}`;
    for (let i = 0; i < 12; i++) keyring.putCustomer(account, { id: `cus-${String(i).padStart(2, "0")}`, email: `c${i}@example.com`, name: `Customer Number${i}` });
    const apiKey = keyring.issueKey(account, "One Folder Books");

    const created = await callerFor(owner).connection.create({ workspaceSlug: workspace.slug, provider: KEYRING as never, credentials: { apiKey, region: "eu" } });
    expect(created).toMatchObject({ displayName: "One Folder Books", reconnected: false });

    const sync = await finishedRun({ connectionId: created.id, kind: "sync" });
    expect(sync).toMatchObject({ status: "SUCCEEDED", recordsRead: 12, recordsInserted: 12, recordsUpdated: 0, recordsUnchanged: 0, recordsDeleted: 0 });
    const stored = () => db.customer.findMany({ where: { connectionId: created.id, deletedAt: null }, orderBy: { externalId: "asc" } });
    expect((await stored()).map((c) => [c.externalId, c.email])).toEqual(keyring.customers(account).map((c) => [c.id, c.email]));

    const data = { id: "cus-03", email: "renamed@example.com", name: "Renamed Customer", created_at: "2026-11-01T08:00:00Z", updated_at: new Date(Date.now() + 60_000).toISOString() };
    expect(await keyring.sendWebhook(`${intake.url}/keyring`, { topic: "customer.updated", account, data })).toBe(200);
    await intake.settled();
    const webhook = await finishedRun({ connectionId: created.id, kind: "webhook" });
    expect(webhook).toMatchObject({ status: "SUCCEEDED", recordsRead: 1, recordsUpdated: 1 });
    expect(await db.customer.findFirstOrThrow({ where: { connectionId: created.id, externalId: "cus-03" } })).toMatchObject({
      workspaceId: workspace.id,
      email: "renamed@example.com",
      firstName: "Renamed",
      lastName: "Customer",
    });
    expect(await db.webhookEvent.findFirstOrThrow({ where: { connectionId: created.id } })).toMatchObject({ provider: KEYRING, status: "PROCESSED" });
  });
});
