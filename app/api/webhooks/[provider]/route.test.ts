import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { KEYRING, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { serveWebhookRoute, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { PROCESS_WEBHOOK_FUNCTION_ID, processWebhookJob } from "@/inngest/functions/process-webhook";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { POST } from "./route";

// The route is every provider's: a throwaway one (Keyring, dev/test/keyring.ts, whose deliveries
// are signed the Standard Webhooks way) registered next to the real connectors is received,
// stored, sent to the job runner and processed into its records without any file of its own
// outside its connector. Only the list of connectors is the test's; a second throwaway has no
// webhook part.
const PLAIN = "PLAIN";
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING", "PLAIN"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => {
  const registry = (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>());
  const { keyringConnector: keyring } = await import("@/dev/test/keyring");
  Object.assign(registry.connectors, { PLAIN: { ...keyring, provider: "PLAIN", webhooks: undefined } });
  return registry;
});

// Next runs what the route hands to `after()` once the response has gone; outside Next the
// callbacks are collected and run by the intake server after it has written the reply.
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
  harness = await withInngestRunner(inngest, [processWebhookJob]);
  intake = await serveWebhookRoute(POST, afterCallbacks);
});
afterAll(async () => {
  await intake?.close();
  await harness?.stop();
  await keyring?.stop();
});

const post = (slug: string, body = "{}") => fetch(`${intake.url}/${slug}`, { method: "POST", body, headers: { "content-type": "application/json" } });

describe("POST /api/webhooks/[provider]", () => {
  it("answers 404 to a provider it does not know and to one without webhooks, storing nothing", async () => {
    const before = await db.webhookEvent.count();
    for (const slug of ["ledgerly", "SHOPIFY", PLAIN.toLowerCase()]) {
      const response = await post(slug);
      expect([slug, response.status, await response.json()]).toEqual([slug, 404, { ok: false, result: "unknown_provider" }]);
    }
    expect(await db.webhookEvent.count()).toBe(before);
  });

  it("takes a throwaway provider's signed delivery through the runner to its record in the database", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Keyring Hooks");
    const connection = await buildConnection(workspace.id, { provider: KEYRING, externalAccountId: "acct-hooks", displayName: "Keyring Hooks" });
    const url = `${intake.url}/keyring`;
    const data = { id: "cus_1", email: "ada@example.com", name: "Ada Lovelace", created_at: "2026-11-01T08:00:00Z", updated_at: "2026-11-02T08:00:00Z" };

    expect(await keyring.sendWebhook(url, { topic: "customer.updated", account: "acct-hooks", data, id: "msg_1" })).toBe(200);
    await intake.settled();
    const run = await harness.waitForRun({ functionId: PROCESS_WEBHOOK_FUNCTION_ID, status: "COMPLETED" }, 15_000);
    expect(run.event.data).toMatchObject({ provider: KEYRING, connectionId: connection.id, topic: "customer.updated" });

    expect(await db.webhookEvent.findFirstOrThrow({ where: { connectionId: connection.id } })).toMatchObject({
      provider: KEYRING,
      externalId: "acct-hooks/msg_1",
      topic: "customer.updated",
      status: "PROCESSED",
      payload: { type: "customer.updated", account: "acct-hooks", data },
    });
    expect(await db.customer.findFirstOrThrow({ where: { connectionId: connection.id, externalId: "cus_1" } })).toMatchObject({
      workspaceId: workspace.id,
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      sourceUpdatedAt: new Date(data.updated_at),
    });
    expect(await db.jobRun.findFirstOrThrow({ where: { connectionId: connection.id } })).toMatchObject({
      kind: "webhook",
      stream: "customer.updated",
      status: "SUCCEEDED",
      recordsRead: 1,
      recordsInserted: 1,
    });

    // Its retry is the same delivery, stored once; one signed with another secret is refused.
    expect(await keyring.sendWebhook(url, { topic: "customer.updated", account: "acct-hooks", data, id: "msg_1" })).toBe(200);
    const wrongSecret = `whsec_${Buffer.from("not the secret at all").toString("base64")}`;
    expect(await keyring.sendWebhook(url, { topic: "customer.updated", account: "acct-hooks", data, secret: wrongSecret })).toBe(401);
    expect(await db.webhookEvent.count({ where: { connectionId: connection.id } })).toBe(1);
  });
});
