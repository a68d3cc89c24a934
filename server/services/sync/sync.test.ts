import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectedKeyring, KEYRING, keyringConnector, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { PermanentError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import { sealCredentialValues } from "@/server/services/connections/credentials";
import { completeConnectionSync } from "./complete-connection-sync";
import { planConnectionSync } from "./plan-connection-sync";
import { runSyncBatch } from "./run-sync-batch";

// The sync engine's batches, driven directly, on a provider it has never heard of: Keyring
// (dev/test/keyring.ts), registered for this file only, read from its HTTP stand-in.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

let keyring: KeyringApi;
beforeAll(async () => {
  keyring = await startKeyringApi();
});
afterAll(() => keyring.stop());

/** A Keyring account with `count` customers, and a workspace connected to it. */
async function keyringWith(count: number, scopes?: readonly string[]) {
  const { workspace } = await buildWorkspaceWithOwner();
  const account = `acct-${workspace.id}`;
  for (let i = 0; i < count; i++) keyring.putCustomer(account, { id: `cus-${String(i).padStart(3, "0")}`, email: `c${i}@example.com`, name: `Customer ${i}` });
  const connection = await connectedKeyring(workspace.id, keyring, account, scopes);
  const jobRun = await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: connection.id, kind: "sync", status: "RUNNING" });
  return { workspace, account, connection, jobRunId: jobRun.id };
}

const streamState = (connectionId: string, stream: string) => db.streamState.findUniqueOrThrow({ where: { connectionId_stream: { connectionId, stream } } });
const customers = (connectionId: string) => db.customer.count({ where: { connectionId } });
const countsOf = async (jobRunId: string) => {
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
  return { read: run.recordsRead, inserted: run.recordsInserted, updated: run.recordsUpdated, unchanged: run.recordsUnchanged, deleted: run.recordsDeleted };
};

describe("sync dispatch", () => {
  it("plans and runs batches through the provider's registered connector", async () => {
    const { connection, jobRunId } = await keyringWith(3);
    await db.connection.update({ where: { id: connection.id }, data: { status: "ERROR" } });
    expect(await planConnectionSync(connection.id)).toEqual({ status: "ready", provider: KEYRING, streams: ["customers", "deletions"] });
    expect(await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId, begins: "run" })).toEqual({
      done: true,
      counts: { read: 3, inserted: 3, updated: 0, unchanged: 0, deleted: 0 },
    });
    expect(await customers(connection.id)).toBe(3);

    expect(await planConnectionSync(connection.id, { connectors: {} })).toEqual({ status: "unavailable", reason: "Syncing Keyring is not available yet" });
    expect(await planConnectionSync("missing")).toMatchObject({ status: "unavailable" });
    await db.connection.update({ where: { id: connection.id }, data: { status: "NEEDS_REAUTH" } });
    expect(await planConnectionSync(connection.id)).toEqual({ status: "skipped", reason: "The connection needs to be re-authorized" });

    const now = new Date();
    await completeConnectionSync(connection.id, now);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncedAt).toEqual(now);
  });
});

describe("a sync batch", () => {
  it("commits each chunk with the stream's position and the run's counts, stops at its time budget, and the next batch goes on from the position", async () => {
    // Keyring asks for no time (one page a batch), its pages hold 10 customers.
    const { connection, jobRunId } = await keyringWith(25);
    const first = await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId, begins: "run" });
    expect(first).toEqual({ done: false, counts: { read: 10, inserted: 10, updated: 0, unchanged: 0, deleted: 0 } });
    expect(await customers(connection.id)).toBe(10);
    const after = await streamState(connection.id, "customers");
    expect(JSON.parse(after.cursor!)).toMatchObject({ after: expect.stringContaining("cus-009") });
    expect(after.state).toEqual({ recordsRead: 10 });
    expect(await countsOf(jobRunId)).toEqual({ read: 10, inserted: 10, updated: 0, unchanged: 0, deleted: 0 });

    const rest = [];
    for (let done = false; !done; ) {
      const batch = await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId });
      rest.push(batch.counts.inserted);
      done = batch.done;
    }
    expect(rest).toEqual([10, 5]);
    expect(await customers(connection.id)).toBe(25);
    expect((await streamState(connection.id, "customers")).state).toEqual({ recordsRead: 25 });
    expect(await countsOf(jobRunId)).toEqual({ read: 25, inserted: 25, updated: 0, unchanged: 0, deleted: 0 });
  });

  it("keeps the chunks a failed batch committed and nothing of the one it failed in; the next batch reads each record once more at most", async () => {
    const { connection, jobRunId } = await keyringWith(25);
    // A batch with time for every page, whose read dies once its second chunk is committed.
    const sync: typeof keyringConnector.sync = {
      ...keyringConnector.sync,
      batchBudgetMs: 60_000,
      async *read(ctx, stream, from) {
        let chunks = 0;
        for await (const chunk of keyringConnector.sync.read(ctx, stream, from)) {
          yield chunk;
          if (++chunks === 2) throw new Error("The batch died after its second chunk");
        }
      },
    };
    const failed = await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId, begins: "run" }, { connectors: { [KEYRING]: { sync } } }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ message: "The batch died after its second chunk" });
    expect(await customers(connection.id)).toBe(20);
    expect((await streamState(connection.id, "customers")).state).toEqual({ recordsRead: 20 });
    expect(await countsOf(jobRunId)).toMatchObject({ read: 20, inserted: 20 });

    expect(await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId })).toMatchObject({ done: true, counts: { read: 5, inserted: 5 } });
    expect(await customers(connection.id)).toBe(25);
    expect(await countsOf(jobRunId)).toEqual({ read: 25, inserted: 25, updated: 0, unchanged: 0, deleted: 0 });
  });

  it("stores nothing of a chunk whose records are not of its stream's kind", async () => {
    const { connection, jobRunId } = await keyringWith(3);
    const sync: typeof keyringConnector.sync = {
      ...keyringConnector.sync,
      async *read(_ctx, _stream, from) {
        yield { kind: "deletions", records: [{ resource: "customer", externalId: "cus-000", occurredAt: new Date().toISOString() }], position: from, done: true };
      },
    };
    const error = await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId }, { connectors: { [KEYRING]: { sync } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe("Keyring customers handed out deletions, not customers");
    expect(await countsOf(jobRunId)).toEqual({ read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 });
  });

  it("skips a stream whose scopes were not granted, with a warning on it, until a run finds them granted", async () => {
    const { connection, account, jobRunId } = await keyringWith(2, ["customers:read"]);
    expect(await runSyncBatch({ connectionId: connection.id, stream: "customers", jobRunId, begins: "run" })).toMatchObject({ done: true, counts: { read: 2 } });
    expect(await runSyncBatch({ connectionId: connection.id, stream: "deletions", jobRunId, begins: "stream" })).toEqual({
      done: true,
      counts: { read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 },
    });
    expect((await streamState(connection.id, "deletions")).state).toEqual({
      warning: "Skipped: Keyring did not grant events:read. Connect it again with this scope to sync deletions.",
      missingScopes: ["events:read"],
    });
    expect((await streamState(connection.id, "customers")).state).toEqual({ recordsRead: 2 });

    // Connected again with every scope: the next run reads the stream, and its warning goes.
    keyring.deleteCustomer(account, "cus-001");
    const apiKey = keyring.issueKey(account);
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: sealCredentialValues({ apiKey, region: "eu" }) } });
    expect(await runSyncBatch({ connectionId: connection.id, stream: "deletions", jobRunId, begins: "run" })).toMatchObject({ done: true, counts: { read: 1, deleted: 1 } });
    expect((await streamState(connection.id, "deletions")).state).toEqual({ recordsRead: 1 });
    expect(await db.customer.count({ where: { connectionId: connection.id, deletedAt: null } })).toBe(1);
  });
});

describe("a sync batch on a spent request allowance", () => {
  it("keeps what it committed, marks its run waiting until the window resets, and the next batches go on, beginning again what it had not begun", async () => {
    const { connection, jobRunId } = await keyringWith(25);
    // Two requests this hour: the account and the first page.
    keyring.requestWindows = [{ seconds: 3600, limit: 2 }];
    const hourEnds = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000;
    // A new window: the allowance's row as the next hour finds it.
    const windowResets = () => db.requestWindowCount.deleteMany({ where: { allowanceKey: `keyring:${connection.externalAccountId}` } });
    try {
      const input = { connectionId: connection.id, stream: "customers", jobRunId };
      expect(await runSyncBatch({ ...input, begins: "run" })).toMatchObject({ done: false, counts: { read: 10, inserted: 10 } });
      expect(await runSyncBatch(input)).toEqual({ done: false, counts: { read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 }, paused: { resumeAt: hourEnds, begun: true } });
      expect(await customers(connection.id)).toBe(10);
      expect((await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } })).waitingUntil).toEqual(new Date(hourEnds));

      await windowResets();
      expect(await runSyncBatch(input)).toMatchObject({ done: false, counts: { read: 10, inserted: 10 } });
      expect(await customers(connection.id)).toBe(20);
      await runSyncBatch(input);
      // The deletions' beginning asks nothing (the scopes granted when the run began are kept with
      // it): refused on its first read, begun.
      expect(await runSyncBatch({ ...input, stream: "deletions", begins: "stream" })).toMatchObject({ done: false, paused: { begun: true } });
      // Refused while beginning a run (its scope check asks for the account): not begun.
      const { id: nextRunId } = await buildTrackedJobRun({ workspaceId: connection.workspaceId, connectionId: connection.id, kind: "sync", status: "RUNNING" });
      expect(await runSyncBatch({ ...input, jobRunId: nextRunId, begins: "run" })).toMatchObject({ done: false, paused: { begun: false } });
      await windowResets();
      expect(await runSyncBatch({ ...input, stream: "deletions" })).toMatchObject({ done: true });
      expect(await customers(connection.id)).toBe(25);
      expect(await countsOf(jobRunId)).toEqual({ read: 25, inserted: 25, updated: 0, unchanged: 0, deleted: 0 });
    } finally {
      keyring.requestWindows = [];
    }
  });
});
