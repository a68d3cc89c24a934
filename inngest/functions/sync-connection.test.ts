// A sync longer than one run's step budget, through the local runner over HTTP: it ends as a chain
// of runs that each stop before Inngest's step cap and hand over to the next.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countsCheck } from "@/components/jobs/job-format";
import { replaceConnector } from "@/dev/test/connectors";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { connectedKeyring, keyringConnector, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { inngest } from "@/inngest/client";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { CustomerRecord } from "@/server/connectors/_core/records";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { db, workspaceDb } from "@/server/db";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { getJobRunById } from "@/server/services/job-history/get-job-run-by-id";

// server/env reads the environment once, on first import: three batches (one step each) a run.
const STEP_BUDGET = vi.hoisted(() => {
  process.env.SYNC_STEP_BUDGET = "3";
  return 3;
});

// The provider is a stand-in: Keyring (dev/test/keyring.ts) registered for this file, its sync
// replaced by the one below.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

const STREAMS = ["alpha", "beta", "gamma"];
const PER_STREAM = 8;
const UPDATED_AT = "2030-01-01T00:00:00.000Z";

function customersOf(stream: string): CustomerRecord[] {
  return Array.from({ length: PER_STREAM }, (_, i) => ({
    externalId: `${stream}-${i}`,
    email: `${stream}-${i}@example.com`,
    firstName: stream,
    lastName: String(i),
    phone: null,
    state: "ENABLED",
    tags: [],
    numberOfOrders: i,
    amountSpent: null,
    sourceCreatedAt: UPDATED_AT,
    sourceUpdatedAt: UPDATED_AT,
    observedAt: UPDATED_AT,
  }));
}

/** `begins`: the engine asked the account's scopes first (the batch began a run; a stream begun later in a run reads them back). */
type Call = { connectionId: string; stream: string; begins: boolean; page: number; lastSyncedAt: Date | null };
const calls: Call[] = [];
const begun = new Set<string>();
let holdLastBatch: Promise<void> | null = null;
let lastBatchReached = false;

// Behaves like a real provider: a page a batch (the page size is the connection's setting), each
// page a chunk positioned at the next page, read from the stream's saved position.
const pagedCustomers: ConnectorSync = {
  streams: STREAMS.map((name) => ({ name, label: name, kind: "customers", requiredScopes: [] })),
  batchBudgetMs: 0,
  async grantedScopes(ctx) {
    begun.add(ctx.connectionId);
    return [];
  },
  async *read(ctx, stream, from) {
    const pageSize = ctx.settings.pageSize as number;
    for (let page = Number(from.cursor ?? 0); ; page++) {
      const { lastSyncedAt } = await db.connection.findUniqueOrThrow({ where: { id: ctx.connectionId }, select: { lastSyncedAt: true } });
      calls.push({ connectionId: ctx.connectionId, stream, begins: begun.delete(ctx.connectionId), page, lastSyncedAt });
      const done = (page + 1) * pageSize >= PER_STREAM;
      if (done && stream === STREAMS.at(-1) && holdLastBatch) {
        lastBatchReached = true;
        await holdLastBatch;
      }
      const records = customersOf(stream).slice(page * pageSize, (page + 1) * pageSize);
      const progress = { done: Math.min(PER_STREAM, (page + 1) * pageSize), total: PER_STREAM };
      yield { kind: "customers", records, position: { cursor: done ? null : String(page + 1), state: {} }, progress, done };
      if (done) return;
    }
  },
};

let harness: InngestHarness;
let keyring: KeyringApi;
let restore: () => void;
beforeAll(async () => {
  keyring = await startKeyringApi();
  restore = replaceConnector({ ...keyringConnector, sync: pagedCustomers });
  harness = await withInngestRunner(inngest, [syncConnection]);
});
afterAll(async () => {
  restore();
  await harness?.stop();
  await keyring?.stop();
});

/** A connection of the stand-in provider, reading pages of `pageSize`. */
async function connection(workspaceId: string, pageSize: number) {
  const connected = await connectedKeyring(workspaceId, keyring, `acct-${pageSize}-${workspaceId}`);
  return db.connection.update({ where: { id: connected.id }, data: { settings: { pageSize } } });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The connection's sync runs once none is queued or running any more, oldest first. */
async function settledSync(connectionId: string) {
  const jobRuns = await until(
    () => db.jobRun.findMany({ where: { connectionId, kind: "sync" }, orderBy: { queuedAt: "asc" } }),
    (rows) => rows.length > 0 && rows.every((row) => row.status !== "QUEUED" && row.status !== "RUNNING"),
    "the sync to finish",
  );
  const runs = harness.runner.listRuns({ functionId: "connection-sync" }).filter((run) => (run.event.data as { connectionId: string }).connectionId === connectionId);
  return { jobRuns, runs: await Promise.all(runs.map((run) => harness.runner.waitForRun(run.id, 10_000))) };
}

function storedCustomers(connectionId: string) {
  return db.customer.findMany({
    where: { connectionId },
    select: { externalId: true, email: true, firstName: true, lastName: true, numberOfOrders: true, sourceUpdatedAt: true },
    orderBy: { externalId: "asc" },
  });
}

describe("a sync longer than one run's step budget", () => {
  it("runs as a chain of runs that each stop before the cap and end with the data of a single run", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const wdb = workspaceDb(workspace.id);
    const syncNow = { trigger: "MANUAL", actor: { actorId: owner.id, ip: null, userAgent: null } } as const;
    const chained = await connection(workspace.id, 2);
    const single = await connection(workspace.id, PER_STREAM);

    // "Sync now" while the chain runs, up to its last batch (held until then): always answered by
    // a run of the chain, never a new one beside it, including between one run and the next.
    let release = () => {};
    holdLastBatch = new Promise((resolve) => (release = resolve));
    const first = await requestConnectionSync(wdb, workspace.id, { connectionId: chained.id }, syncNow);
    expect(first.coalesced).toBe(false);
    const answers: { jobRunId: string; coalesced: boolean }[] = [];
    while (!lastBatchReached) answers.push(await requestConnectionSync(wdb, workspace.id, { connectionId: chained.id }, syncNow));
    release();
    holdLastBatch = null;
    const { jobRuns, runs } = await settledSync(chained.id);

    // 12 batches, 3 a run: 4 runs, each far from Inngest's cap.
    expect(runs).toHaveLength(4);
    for (const run of runs) {
      expect(run.status).toBe("COMPLETED");
      // Its batches, the wrapper's start and finish, plan-sync, and the hand-over (queue the
      // continuation, send its event, remember the event's id) or mark-synced.
      expect(Object.keys(run.steps).length).toBeLessThanOrEqual(STEP_BUDGET + 6);
    }
    expect(jobRuns).toHaveLength(4);
    expect(jobRuns[0]!.id).toBe(first.jobRunId);
    jobRuns.forEach((row, i) => {
      expect(row).toMatchObject({ status: "SUCCEEDED", trigger: "MANUAL", continuedFromId: i === 0 ? null : jobRuns[i - 1]!.id });
      const run = runs.find((r) => r.id === row.inngestRunId)!;
      expect(run.output).toEqual(
        i < 3 ? { streams: STREAMS, batches: 3, sleeps: 0, continuedIn: jobRuns[i + 1]!.id } : { streams: STREAMS, batches: 3, sleeps: 0 },
      );
    });
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.coalesced).toBe(true);
      expect(jobRuns.map((row) => row.id)).toContain(answer.jobRunId);
    }

    // Every page read once, in order: each continuation resumed its stream from the saved state.
    const reads = calls.filter((call) => call.connectionId === chained.id);
    expect(reads.map((call) => `${call.stream}-${call.page}`)).toEqual(STREAMS.flatMap((stream) => [0, 1, 2, 3].map((page) => `${stream}-${page}`)));
    expect(reads.filter((call) => call.begins).map((call) => `${call.stream}-${call.page}`)).toEqual(
      // Once a run: its first batch, and the first batch of every continuation (alpha-3, beta-2 and
      // gamma-1), which asks again in case the account's grant changed.
      ["alpha-0", "alpha-3", "beta-2", "gamma-1"],
    );
    expect(jobRuns.reduce((sum, row) => sum + row.recordsRead, 0)).toBe(STREAMS.length * PER_STREAM);
    expect(jobRuns.reduce((sum, row) => sum + row.recordsInserted, 0)).toBe(STREAMS.length * PER_STREAM);
    // Each run's counts are its own batches', and add up; its progress is its last batch's.
    for (const row of jobRuns) {
      expect(row).toMatchObject({ recordsRead: 6, recordsInserted: 6, recordsUnchanged: 0, progressTotal: PER_STREAM });
      expect(countsCheck(row)).toEqual({ holds: true });
    }

    // Synced only when the last run finished the last stream.
    expect(reads.every((call) => call.lastSyncedAt === null)).toBe(true);
    const { lastSyncedAt } = await db.connection.findUniqueOrThrow({ where: { id: chained.id } });
    expect(lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(jobRuns[3]!.startedAt!.getTime());

    // The Jobs page's links between the runs.
    const handedOver = await getJobRunById(wdb, { jobRunId: jobRuns[0]!.id });
    expect(handedOver).toMatchObject({ continuedFrom: null, continuedIn: { id: jobRuns[1]!.id, status: "SUCCEEDED" } });
    const last = await getJobRunById(wdb, { jobRunId: jobRuns[3]!.id });
    expect(last).toMatchObject({ continuedFrom: { id: jobRuns[2]!.id }, continuedIn: null });

    // The same sync within one run's budget (3 batches): one run, and the same data.
    await requestConnectionSync(wdb, workspace.id, { connectionId: single.id }, syncNow);
    const one = await settledSync(single.id);
    expect(one.runs).toHaveLength(1);
    expect(one.jobRuns).toMatchObject([{ status: "SUCCEEDED", continuedFromId: null }]);
    const data = await storedCustomers(chained.id);
    expect(data).toHaveLength(STREAMS.length * PER_STREAM);
    expect(data).toEqual(await storedCustomers(single.id));

    // Read again, nothing changed: every record read is counted, as unchanged.
    await requestConnectionSync(wdb, workspace.id, { connectionId: single.id }, syncNow);
    const again = await settledSync(single.id);
    const reread = again.jobRuns.at(-1)!;
    expect(reread).toMatchObject({ status: "SUCCEEDED", recordsRead: 24, recordsInserted: 0, recordsUpdated: 0, recordsUnchanged: 24, recordsDeleted: 0 });
    expect(countsCheck(await getJobRunById(wdb, { jobRunId: reread.id }))).toEqual({ holds: true });
  }, 60_000);
});
