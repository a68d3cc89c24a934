// A sync that spends its provider's request allowance, through the local runner over HTTP: the
// batch that is refused ends with what it committed, the run sleeps until the window resets and
// reads on, and the run succeeds: never failed, never retried for it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countsCheck } from "@/components/jobs/job-format";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { connectedKeyring, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { inngest } from "@/inngest/client";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";

// Keyring (dev/test/keyring.ts), registered for this file: its sync takes from ctx.allowance
// before each request and ends the batch with AllowanceExhaustedError when refused.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

// Three requests per two-second window: the sync's eleven requests (the account and eight pages of
// customers, the account and one page of deletions) need four windows. The first window may be
// partly gone when the sync starts; the windows after a sleep start with the sync's next request.
const WINDOW = { seconds: 2, limit: 3 };
const CUSTOMERS = 75;

let harness: InngestHarness;
let keyring: KeyringApi;
beforeAll(async () => {
  keyring = await startKeyringApi();
  keyring.requestWindows = [WINDOW];
  harness = await withInngestRunner(inngest, [syncConnection]);
});
afterAll(async () => {
  await harness?.stop();
  await keyring?.stop();
});

async function settled(jobRunId: string) {
  for (;;) {
    const row = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    if (row.status !== "QUEUED" && row.status !== "RUNNING") return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a sync that spends its request allowance", () => {
  it("sleeps until the window resets, each time, and succeeds with every record", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const account = `acct-${workspace.id}`;
    for (let i = 0; i < CUSTOMERS; i++) keyring.putCustomer(account, { id: `cus-${String(i).padStart(3, "0")}`, email: null, name: `Customer ${i}` });
    keyring.putCustomer(account, { id: "gone-1", email: null, name: "Gone" });
    keyring.deleteCustomer(account, "gone-1");
    const connection = await connectedKeyring(workspace.id, keyring, account);
    const syncNow = { trigger: "MANUAL", actor: { actorId: owner.id, ip: null, userAgent: null } } as const;
    const { jobRunId } = await requestConnectionSync(workspaceDb(workspace.id), workspace.id, { connectionId: connection.id }, syncNow);
    const row = await settled(jobRunId);

    expect(row).toMatchObject({ status: "SUCCEEDED", error: null, attempts: 1, recordsRead: CUSTOMERS + 1, recordsInserted: CUSTOMERS, recordsDeleted: 0 });
    expect(countsCheck(row)).toEqual({ holds: true });
    // It was marked waiting, until a time now passed.
    expect(row.waitingUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db.customer.count({ where: { connectionId: connection.id, deletedAt: null } })).toBe(CUSTOMERS);

    const [run] = harness.runner.listRuns({ functionId: "connection-sync" }).filter((r) => r.id === row.inngestRunId);
    const finished = await harness.runner.waitForRun(run!.id, 10_000);
    expect(finished.status).toBe("COMPLETED");
    const { batches, sleeps } = finished.output as { batches: number; sleeps: number };
    expect(sleeps).toBeGreaterThanOrEqual(2);
    // Nine batches that read (a page each), and one more for each sleep: the refused one.
    expect(batches).toBe(9 + sleeps);
    // Every batch ran once: a refused batch is not a failed one.
    expect(finished.retries).toBe(0);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncedAt).not.toBeNull();
  });
});
