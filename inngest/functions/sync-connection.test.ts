// A sync longer than one run's step budget, through the local runner over HTTP: it ends as a chain
// of runs that each stop before Inngest's step cap and hand over to the next.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countsCheck } from "@/components/jobs/job-format";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { CustomerRecord } from "@/server/connectors/_core/records";
import { db, workspaceDb } from "@/server/db";
import { ingestCustomers, readStreamState, saveStreamState } from "@/server/ingest";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { getJobRunById } from "@/server/services/job-history/get-job-run-by-id";
import { commitSyncBatch } from "@/server/services/sync/commit-sync-batch";
import { providerSyncs, type ProviderSync } from "@/server/services/sync/registry";

// server/env reads the environment once, on first import: three batches (one step each) a run.
const STEP_BUDGET = vi.hoisted(() => {
  process.env.SYNC_STEP_BUDGET = "3";
  return 3;
});

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

type Call = { connectionId: string; stream: string; cursor: string | null; page: number; lastSyncedAt: Date | null };
const calls: Call[] = [];
let holdLastBatch: Promise<void> | null = null;
let lastBatchReached = false;

// Behaves like a real provider: a page per batch (the page size is the connection's setting), the
// page, its position in the stream's state and its counts and progress on the run committed
// together, and a run's first batch of a stream (cursor null) resuming from that state.
const pagedCustomers: ProviderSync = {
  streams: STREAMS,
  async syncBatch({ connection, stream, cursor, jobRunId }) {
    const scope = { workspaceId: connection.workspaceId, connectionId: connection.id };
    const pageSize = (connection.settings as { pageSize: number }).pageSize;
    const page = Number(cursor ?? (await readStreamState(scope, stream))?.cursor ?? 0);
    const { lastSyncedAt } = await db.connection.findUniqueOrThrow({ where: { id: connection.id }, select: { lastSyncedAt: true } });
    calls.push({ connectionId: connection.id, stream, cursor, page, lastSyncedAt });
    const done = (page + 1) * pageSize >= PER_STREAM;
    if (done && stream === STREAMS.at(-1) && holdLastBatch) {
      lastBatchReached = true;
      await holdLastBatch;
    }
    const counts = await commitSyncBatch(
      jobRunId,
      stream,
      async (tx) => {
        const stored = await ingestCustomers(scope, customersOf(stream).slice(page * pageSize, (page + 1) * pageSize), tx);
        await saveStreamState(scope, stream, { cursor: done ? null : String(page + 1) }, tx);
        return stored;
      },
      { done: Math.min(PER_STREAM, (page + 1) * pageSize), total: PER_STREAM },
    );
    return { cursor: String(page + 1), done, counts };
  },
};

let harness: InngestHarness;
const shopify = providerSyncs.SHOPIFY;
beforeAll(async () => {
  providerSyncs.SHOPIFY = pagedCustomers;
  harness = await withInngestRunner(inngest, [syncConnection]);
});
afterAll(async () => {
  providerSyncs.SHOPIFY = shopify;
  await harness?.stop();
});

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
    const chained = await buildConnection(workspace.id, { settings: { pageSize: 2 } });
    const single = await buildConnection(workspace.id, { settings: { pageSize: PER_STREAM } });

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
        i < 3 ? { streams: STREAMS, batches: 3, continuedIn: jobRuns[i + 1]!.id } : { streams: STREAMS, batches: 3 },
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
    expect(reads.filter((call) => call.cursor === null).map((call) => `${call.stream}-${call.page}`)).toEqual(
      // Stream starts, and the first batch of every continuation (alpha-3, beta-2 and gamma-1).
      ["alpha-0", "alpha-3", "beta-0", "beta-2", "gamma-0", "gamma-1"],
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
