import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countsCheck } from "@/components/jobs/job-format";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { connectedKeyring, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { inngest } from "@/inngest/client";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { findConnections } from "@/server/services/connections/find-connections";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { getJobRunById } from "@/server/services/job-history/get-job-run-by-id";

// A provider the sync engine has never heard of, synced end to end: Keyring (dev/test/keyring.ts,
// a connector and its HTTP stand-in in one file) registered in this file's registry only, then
// "Sync now", the local Inngest runner over HTTP, one step per batch, the database. Adding a
// provider touches no part of the engine.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

let keyring: KeyringApi;
let harness: InngestHarness;
beforeAll(async () => {
  keyring = await startKeyringApi();
  harness = await withInngestRunner(inngest, [syncConnection]);
});
afterAll(async () => {
  await harness?.stop();
  await keyring?.stop();
});

async function finished(jobRunId: string) {
  for (const deadline = Date.now() + 30_000; ; ) {
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    if (run.status !== "QUEUED" && run.status !== "RUNNING") return run;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for job run ${jobRunId}: ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The reads of the run's batch steps (a batch step's output is its counts and whether its stream is done), in the order they ran. */
function batchReads(inngestRunId: string) {
  const steps = Object.values(harness.runner.getRun(inngestRunId)!.steps);
  return steps.flatMap((step) => (step.type === "data" && typeof step.data === "object" && step.data && "counts" in step.data ? [(step.data as { counts: { read: number } }).counts.read] : []));
}

const stored = (connectionId: string) =>
  db.customer.findMany({ where: { connectionId, deletedAt: null }, orderBy: { externalId: "asc" }, select: { externalId: true, email: true, firstName: true, lastName: true } });

const expected = (account: string) =>
  keyring.customers(account).map((c) => ({ externalId: c.id, email: c.email, firstName: c.name.split(" ")[0], lastName: c.name.split(" ").slice(1).join(" ") || null }));

describe("a provider added in one file", () => {
  it("syncs through the engine and the job runner, a batch a step, with run counts that add up, then its changes and deletions", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const account = `acct-${workspace.id}`;
    for (let i = 0; i < 25; i++) keyring.putCustomer(account, { id: `cus-${String(i).padStart(3, "0")}`, email: `c${i}@example.com`, name: `Customer Number${i}` });
    const connection = await connectedKeyring(workspace.id, keyring, account);
    const wdb = workspaceDb(workspace.id);
    const syncNow = () => requestConnectionSync(wdb, workspace.id, { connectionId: connection.id }, { trigger: "MANUAL", actor: { actorId: owner.id, ip: null, userAgent: null } });

    const first = await finished((await syncNow()).jobRunId);
    expect(first).toMatchObject({ status: "SUCCEEDED", recordsRead: 25, recordsInserted: 25, recordsUpdated: 0, recordsUnchanged: 0, recordsDeleted: 0 });
    expect(countsCheck(await getJobRunById(wdb, { jobRunId: first.id }))).toEqual({ holds: true });
    // Pages of 10, one a batch (Keyring asks for no more): three batches of customers, one of deletions.
    expect(batchReads(first.inngestRunId!)).toEqual([10, 10, 5, 0]);
    expect(await stored(connection.id)).toEqual(expected(account));
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncedAt).not.toBeNull();
    const [listed] = await findConnections(wdb);
    expect(listed!.streams.map((s) => [s.stream, s.recordsRead, s.warning])).toEqual([
      ["customers", 25, null],
      ["deletions", 0, null],
    ]);

    // Two customers change, one is added, one deleted: the next sync reads only those (and the
    // last one it saw again, its window's start), and counts each as what it did.
    keyring.putCustomer(account, { id: "cus-003", email: "changed-3@example.com", name: "Customer Changed" });
    keyring.putCustomer(account, { id: "cus-004", email: "changed-4@example.com", name: "Customer Changed" });
    keyring.putCustomer(account, { id: "cus-100", email: "new@example.com", name: "Customer New" });
    keyring.deleteCustomer(account, "cus-007");
    const second = await finished((await syncNow()).jobRunId);
    expect(second).toMatchObject({ status: "SUCCEEDED", recordsInserted: 1, recordsUpdated: 2, recordsDeleted: 1 });
    expect(second.recordsUnchanged).toBeGreaterThanOrEqual(1);
    expect(countsCheck(await getJobRunById(wdb, { jobRunId: second.id }))).toEqual({ holds: true });
    expect(await stored(connection.id)).toEqual(expected(account));
    expect(await db.customer.findFirstOrThrow({ where: { connectionId: connection.id, externalId: "cus-007" } })).toMatchObject({ deletedAt: expect.any(Date) });
  }, 60_000);
});
