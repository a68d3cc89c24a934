import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z, type ZodError } from "zod";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { inngest } from "@/inngest/client";
import { callerFor, errorOf, TEST_IP } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { retryJobRun } from "./retry-job-run";
import { retryJobRuns } from "./retry-job-runs";

// A stand-in for the Inngest Event API: records what the real client POSTs to /e/:key.
type Received = { key: string; body: { name: string; data: Record<string, unknown> }[] };
let eventApi: Server;
const received: Received[] = [];

beforeAll(async () => {
  eventApi = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const match = req.method === "POST" ? /^\/e\/([^/]+)$/.exec(req.url ?? "") : null;
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as Received["body"];
      received.push({ key: match[1]!, body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ids: body.map((_, i) => `evt-${received.length}-${i}`), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", resolve));
  inngest.setEnvVars({ INNGEST_BASE_URL: `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}`, INNGEST_EVENT_KEY: "job-history-key", INNGEST_DEV: "0" });
});

afterAll(async () => {
  eventApi.closeAllConnections();
  await new Promise<void>((resolve) => eventApi.close(() => resolve()));
});

async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Jobs");
  const admin = await buildMember(workspace.id, "ADMIN");
  const member = await buildMember(workspace.id, "MEMBER");
  const viewer = await buildMember(workspace.id, "VIEWER");
  const shop = await buildJobConnection(workspace.id, { displayName: "Acme Shop" });
  const warehouse = await buildJobConnection(workspace.id, { displayName: "Acme Warehouse" });
  return { workspace, slug: workspace.slug, owner, admin: admin.user, member: member.user, viewer: viewer.user, shop, warehouse };
}

describe("job history", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
    received.length = 0;
  });

  describe("job.list", () => {
    it("pages newest first on (queuedAt, id) with stable cursors and names the connection", async () => {
      const sameInstant = new Date("2030-01-01T00:00:00.000Z");
      for (let i = 0; i < 5; i++) await buildJobRun(w.workspace.id, { queuedAt: sameInstant, connectionId: w.shop.id, status: "SUCCEEDED" });
      await buildJobRun(w.workspace.id, { queuedAt: new Date("2030-01-02T00:00:00.000Z"), kind: "retention" });
      const caller = callerFor(w.viewer);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await caller.job.list({ workspaceSlug: w.slug, limit: 2, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const expected = await db.jobRun.findMany({ where: { workspaceId: w.workspace.id }, orderBy: [{ queuedAt: "desc" }, { id: "desc" }] });
      expect(seen).toEqual(expected.map((r) => r.id));
      expect(expected[0]?.kind).toBe("retention");

      const first = await caller.job.list({ workspaceSlug: w.slug, kind: "sync" });
      expect(first.items[0]).toMatchObject({ kind: "sync", kindLabel: "Sync", connection: { id: w.shop.id, displayName: "Acme Shop", provider: "SHOPIFY" } });
    });

    it("sorts by duration either way, ties broken by id and unfinished runs above the longest, paging both ways on one keyset", async () => {
      const durations = [30_000, 5_000, 30_000, 30_000, null, 90_000, null];
      const runs = [];
      for (const durationMs of durations) runs.push(await buildJobRun(w.workspace.id, { status: durationMs === null ? "RUNNING" : "SUCCEEDED", durationMs }));
      const caller = callerFor(w.viewer);
      for (const dir of ["desc", "asc"] as const) {
        const walk = async (forward: boolean, from?: string) => {
          const seen: string[][] = [];
          let cursor = from;
          do {
            const page = await caller.job.list({ workspaceSlug: w.slug, sort: "duration", dir, limit: 2, ...(forward ? { cursor } : { before: cursor }) });
            seen.push(page.items.map((i) => i.id));
            expect(page.total).toEqual({ count: durations.length, exact: true });
            cursor = (forward ? page.nextCursor : page.previousCursor) ?? undefined;
          } while (cursor);
          return seen;
        };
        const expected = await db.jobRun.findMany({
          where: { workspaceId: w.workspace.id },
          orderBy: [{ durationMs: { sort: dir, nulls: dir === "desc" ? "first" : "last" } }, { id: dir }],
        });
        const forwards = await walk(true);
        expect(forwards.flat()).toEqual(expected.map((r) => r.id));
        // Back from the last page's first row: the same pages, in reverse.
        const last = await caller.job.list({ workspaceSlug: w.slug, sort: "duration", dir, limit: 2, cursor: (await caller.job.list({ workspaceSlug: w.slug, sort: "duration", dir, limit: 6 })).nextCursor! });
        expect(last.items.map((i) => i.id)).toEqual(forwards.at(-1));
        expect((await walk(false, last.previousCursor!)).reverse()).toEqual(forwards.slice(0, -1));
      }
    });

    it("counts the filtered runs up to the cap", async () => {
      for (let i = 0; i < 3; i++) await buildJobRun(w.workspace.id, { status: "FAILED" });
      await buildJobRun(w.workspace.id, { status: "SUCCEEDED" });
      const page = await callerFor(w.viewer).job.list({ workspaceSlug: w.slug, status: "FAILED", limit: 1 });
      expect(page.total).toEqual({ count: 3, exact: true });
      expect(page.previousCursor).toBeNull();
      const unknownSort = await errorOf(callerFor(w.viewer).job.list({ workspaceSlug: w.slug, sort: "kind" as never }));
      expect(z.flattenError(unknownSort.cause as ZodError).fieldErrors).toHaveProperty("sort");
    });

    it("pages 25 runs at a time by default", async () => {
      for (let i = 0; i < 26; i++) await buildJobRun(w.workspace.id, { status: "SUCCEEDED" });
      const page = await callerFor(w.viewer).job.list({ workspaceSlug: w.slug });
      expect(page.items).toHaveLength(25);
      expect(page.nextCursor).not.toBeNull();
    });

    it("filters by kind, status, connection and an inclusive queuedAt range", async () => {
      const day = (d: number) => new Date(`2030-03-${String(d).padStart(2, "0")}T12:00:00.000Z`);
      const a = await buildJobRun(w.workspace.id, { queuedAt: day(1), connectionId: w.shop.id, status: "SUCCEEDED" });
      const b = await buildJobRun(w.workspace.id, { queuedAt: day(2), connectionId: w.shop.id, status: "FAILED" });
      const c = await buildJobRun(w.workspace.id, { queuedAt: day(3), connectionId: w.warehouse.id, status: "FAILED" });
      const d = await buildJobRun(w.workspace.id, { queuedAt: day(4), kind: "retention", status: "SUCCEEDED" });
      const list = async (filters: Record<string, unknown>) =>
        (await callerFor(w.viewer).job.list({ workspaceSlug: w.slug, ...filters })).items.map((i) => i.id);

      expect(await list({ kind: "retention" })).toEqual([d.id]);
      expect(await list({ status: "FAILED" })).toEqual([c.id, b.id]);
      expect(await list({ connectionId: w.shop.id })).toEqual([b.id, a.id]);
      expect(await list({ from: day(2), to: day(3) })).toEqual([c.id, b.id]);
      expect(await list({ from: day(3) })).toEqual([d.id, c.id]);
      expect(await list({ to: day(1) })).toEqual([a.id]);
      expect(await list({ status: "FAILED", connectionId: w.shop.id, kind: "sync" })).toEqual([b.id]);
    });

    it("shows only this workspace's runs, never system runs or another tenant's", async () => {
      const other = await buildWorkspaceWithOwner("Other");
      const mine = await buildJobRun(w.workspace.id);
      await buildJobRun(other.workspace.id);
      await buildJobRun(null, { kind: "scheduler" });
      const page = await callerFor(w.viewer).job.list({ workspaceSlug: w.slug });
      expect(page.items.map((i) => i.id)).toEqual([mine.id]);
    });

    it("answers another workspace's connection as not found, and a reversed date range as bad input", async () => {
      const other = await buildWorkspaceWithOwner("Other");
      const foreign = await buildJobConnection(other.workspace.id);
      expect((await errorOf(callerFor(w.viewer).job.list({ workspaceSlug: w.slug, connectionId: foreign.id }))).code).toBe("NOT_FOUND");
      const reversed = await errorOf(callerFor(w.viewer).job.list({ workspaceSlug: w.slug, from: new Date("2030-02-02"), to: new Date("2030-02-01") }));
      expect(reversed.code).toBe("BAD_REQUEST");
    });

    it("offers the kinds that ran here and the workspace's connections as filter options", async () => {
      await buildJobRun(w.workspace.id, { kind: "sync" });
      await buildJobRun(w.workspace.id, { kind: "job-alert" });
      await buildJobRun((await buildWorkspaceWithOwner("Other")).workspace.id, { kind: "diagnostics" });
      const options = await callerFor(w.viewer).job.filterOptions({ workspaceSlug: w.slug });
      expect(options.kinds).toEqual([
        { value: "job-alert", label: "Job alert" },
        { value: "sync", label: "Sync" },
      ]);
      expect(options.connections.map((c) => c.displayName)).toEqual(["Acme Shop", "Acme Warehouse"]);
    });
  });

  describe("job.get", () => {
    it("returns counts, attempts, error, timing, progress, links and the connection", async () => {
      const failed = await buildJobRun(w.workspace.id, {
        connectionId: w.shop.id,
        attempts: 2,
        recordsRead: 120,
        recordsInserted: 100,
        recordsUpdated: 15,
        progressDone: 3,
        progressTotal: 8,
        details: {
          event: { name: "app/connection.sync.requested", data: { workspaceId: w.workspace.id, connectionId: w.shop.id } },
          attempts: [
            { attempt: 0, startedAt: "2030-01-01T00:00:01.000Z", finishedAt: "2030-01-01T00:00:02.000Z", error: "timeout" },
            { attempt: 1, startedAt: "2030-01-01T00:00:05.000Z", finishedAt: "2030-01-01T00:00:06.000Z", error: "503" },
            { not: "an attempt" },
          ],
        },
      });
      const retry = await buildJobRun(w.workspace.id, { retryOfId: failed.id, status: "SUCCEEDED", trigger: "MANUAL" });
      const run = await callerFor(w.viewer).job.get({ workspaceSlug: w.slug, jobRunId: failed.id });
      expect(run).toMatchObject({
        id: failed.id,
        status: "FAILED",
        attempts: 2,
        recordsRead: 120,
        recordsInserted: 100,
        recordsUpdated: 15,
        progressDone: 3,
        progressTotal: 8,
        error: "Shopify answered 503 Service Unavailable",
        durationMs: 60_000,
        eventName: "app/connection.sync.requested",
        connection: { id: w.shop.id, displayName: "Acme Shop" },
        retryOf: null,
        retries: [{ id: retry.id, status: "SUCCEEDED" }],
        retryBlockedReason: null,
      });
      expect(run.attemptHistory).toEqual([
        { attempt: 0, startedAt: new Date("2030-01-01T00:00:01.000Z"), finishedAt: new Date("2030-01-01T00:00:02.000Z"), error: "timeout" },
        { attempt: 1, startedAt: new Date("2030-01-01T00:00:05.000Z"), finishedAt: new Date("2030-01-01T00:00:06.000Z"), error: "503" },
      ]);
      const back = await callerFor(w.viewer).job.get({ workspaceSlug: w.slug, jobRunId: retry.id });
      expect(back.retryOf).toMatchObject({ id: failed.id, status: "FAILED" });
      expect(back.retryBlockedReason).toBe("Only failed runs can be retried.");
    });

    it("answers another workspace's run as not found", async () => {
      const other = await buildWorkspaceWithOwner("Other");
      const foreign = await buildJobRun(other.workspace.id);
      expect((await errorOf(callerFor(w.owner).job.get({ workspaceSlug: w.slug, jobRunId: foreign.id }))).code).toBe("NOT_FOUND");
    });
  });

  describe("job.retry", () => {
    it("pre-creates a QUEUED manual run linked to the failed one, sends its event with the job meta, and audits it", async () => {
      const failed = await buildJobRun(w.workspace.id, { connectionId: w.shop.id, stream: "orders" });
      const { jobRunId } = await callerFor(w.admin).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id });

      const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
      expect(run).toMatchObject({
        workspaceId: w.workspace.id,
        kind: "sync",
        connectionId: w.shop.id,
        stream: "orders",
        trigger: "MANUAL",
        status: "QUEUED",
        retryOfId: failed.id,
      });
      expect(received).toEqual([
        {
          key: "job-history-key",
          body: [
            expect.objectContaining({
              name: "app/connection.sync.requested",
              data: {
                workspaceId: w.workspace.id,
                connectionId: w.shop.id,
                trigger: "SCHEDULE",
                job: { retryOfId: failed.id, jobRunId },
              },
            }),
          ],
        },
      ]);
      const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: w.workspace.id, action: "job.retried" } });
      expect(audit).toMatchObject({ actorId: w.admin.id, targetType: "JobRun", targetId: jobRunId, ip: TEST_IP });
      expect(audit.metadata).toMatchObject({ retryOfId: failed.id, kind: "sync" });
    });

    it("refuses while a retry is in progress, then allows another once it has failed", async () => {
      const failed = await buildJobRun(w.workspace.id);
      const { jobRunId } = await callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id });
      const again = await errorOf(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id }));
      expect(again.code).toBe("CONFLICT");
      expect(again.message).toMatch(/already in progress/);
      await db.jobRun.update({ where: { id: jobRunId }, data: { status: "FAILED" } });
      await expect(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id })).resolves.toHaveProperty("jobRunId");
    });

    it("refuses to retry a sync while another sync of the connection is queued or running", async () => {
      const failed = await buildJobRun(w.workspace.id, { connectionId: w.shop.id });
      const running = await buildJobRun(w.workspace.id, { connectionId: w.shop.id, status: "RUNNING" });
      const error = await errorOf(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/already queued or running/);
      expect(received).toEqual([]);

      await db.jobRun.update({ where: { id: running.id }, data: { status: "SUCCEEDED" } });
      await expect(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id })).resolves.toHaveProperty("jobRunId");
    });

    it("queues one retry when two admins click at the same time", async () => {
      const failed = await buildJobRun(w.workspace.id);
      const results = await Promise.allSettled([
        callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id }),
        callerFor(w.admin).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db.jobRun.count({ where: { retryOfId: failed.id } })).toBe(1);
    });

    it("only retries failed runs", async () => {
      for (const status of ["QUEUED", "RUNNING", "SUCCEEDED", "CANCELLED"] as const) {
        const run = await buildJobRun(w.workspace.id, { status });
        const error = await errorOf(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: run.id }));
        expect(error.code).toBe("CONFLICT");
        expect(error.message).toBe("Only failed runs can be retried.");
      }
      expect(received).toEqual([]);
      expect(await db.jobRun.count({ where: { workspaceId: w.workspace.id, retryOfId: { not: null } } })).toBe(0);
    });

    it("explains that a run whose details were pruned cannot be retried", async () => {
      const pruned = await buildJobRun(w.workspace.id, { details: undefined });
      await db.jobRun.update({ where: { id: pruned.id }, data: { details: { attempts: [] } } });
      const error = await errorOf(callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: pruned.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/retention policy/);
      expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "job.retried" } })).toBe(0);
    });

    it("is for admins and owners only", async () => {
      const failed = await buildJobRun(w.workspace.id);
      for (const user of [w.member, w.viewer]) {
        expect((await errorOf(callerFor(user).job.retry({ workspaceSlug: w.slug, jobRunId: failed.id }))).code).toBe("FORBIDDEN");
      }
      expect(await db.jobRun.count({ where: { retryOfId: failed.id } })).toBe(0);
    });

    it("marks the pre-created run FAILED with the send error when the event cannot be sent", async () => {
      const failed = await buildJobRun(w.workspace.id);
      const sendEvent = async () => {
        throw new Error("Event API unreachable");
      };
      await expect(
        retryJobRun(workspaceDb(w.workspace.id), { workspaceId: w.workspace.id }, { jobRunId: failed.id }, { actorId: w.owner.id, ip: null, userAgent: null }, { sendEvent }),
      ).rejects.toThrow(/Could not queue the retry/);
      const retry = await db.jobRun.findFirstOrThrow({ where: { retryOfId: failed.id } });
      expect(retry.status).toBe("FAILED");
      expect(retry.error).toBe("Could not queue the retry: Event API unreachable");
      expect(retry.finishedAt).not.toBeNull();
      expect(await db.jobRun.count({ where: { workspaceId: w.workspace.id, status: "QUEUED" } })).toBe(0);
    });
  });

  describe("job.retryMany", () => {
    it("retries each failed run of a mixed selection and says why the others were not", async () => {
      const failed = [await buildJobRun(w.workspace.id), await buildJobRun(w.workspace.id, { kind: "retention" })];
      const succeeded = await buildJobRun(w.workspace.id, { status: "SUCCEEDED" });
      const inFlight = await buildJobRun(w.workspace.id);
      await callerFor(w.owner).job.retry({ workspaceSlug: w.slug, jobRunId: inFlight.id });
      received.length = 0;

      const { results } = await callerFor(w.admin).job.retryMany({ workspaceSlug: w.slug, jobRunIds: [failed[0]!.id, succeeded.id, inFlight.id, failed[1]!.id, failed[0]!.id] });

      const retries = await db.jobRun.findMany({ where: { retryOfId: { in: failed.map((run) => run.id) } } });
      expect(results).toEqual([
        { jobRunId: failed[0]!.id, kindLabel: "Sync", retried: true, retryId: retries.find((r) => r.retryOfId === failed[0]!.id)!.id },
        { jobRunId: succeeded.id, kindLabel: "Sync", retried: false, reason: "Only failed runs can be retried." },
        { jobRunId: inFlight.id, kindLabel: "Sync", retried: false, reason: expect.stringMatching(/already in progress/) },
        { jobRunId: failed[1]!.id, kindLabel: "Retention", retried: true, retryId: retries.find((r) => r.retryOfId === failed[1]!.id)!.id },
      ]);
      expect(retries.map((r) => r.status)).toEqual(["QUEUED", "QUEUED"]);
      expect(received.flatMap((r) => r.body.map((event) => (event.data.job as { retryOfId: string }).retryOfId)).sort()).toEqual(failed.map((r) => r.id).sort());
      const audits = await db.auditLog.findMany({ where: { workspaceId: w.workspace.id, action: "job.retried", actorId: w.admin.id } });
      expect(audits.map((a) => a.targetId).sort()).toEqual(retries.map((r) => r.id).sort());
    });

    it("refuses the whole selection when a run is another workspace's, queuing nothing", async () => {
      const failed = await buildJobRun(w.workspace.id);
      const other = await buildWorkspaceWithOwner("Other jobs");
      const theirs = await buildJobRun(other.workspace.id);
      const error = await errorOf(callerFor(w.owner).job.retryMany({ workspaceSlug: w.slug, jobRunIds: [failed.id, theirs.id] }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toContain(theirs.id);
      expect(await db.jobRun.count({ where: { retryOfId: { in: [failed.id, theirs.id] } } })).toBe(0);
      expect(received).toEqual([]);
    });

    it("is for admins and owners only, and takes 1 to 100 runs", async () => {
      const failed = await buildJobRun(w.workspace.id);
      for (const user of [w.member, w.viewer]) {
        expect((await errorOf(callerFor(user).job.retryMany({ workspaceSlug: w.slug, jobRunIds: [failed.id] }))).code).toBe("FORBIDDEN");
      }
      for (const jobRunIds of [[], Array.from({ length: 101 }, () => failed.id)]) {
        const error = await errorOf(callerFor(w.owner).job.retryMany({ workspaceSlug: w.slug, jobRunIds }));
        expect(error.code).toBe("BAD_REQUEST");
        expect((z.flattenError(error.cause as ZodError).fieldErrors as Record<string, string[]>).jobRunIds?.[0]).toMatch(/Select at (least one|most 100) run/);
      }
      expect(await db.jobRun.count({ where: { retryOfId: failed.id } })).toBe(0);
    });

    it("reports a run whose event could not be sent, and still retries the rest", async () => {
      const [unsent, sent] = [await buildJobRun(w.workspace.id), await buildJobRun(w.workspace.id)];
      const sendEvent = async (event: { data: Record<string, unknown> }) => {
        if ((event.data.job as { retryOfId: string }).retryOfId === unsent.id) throw new Error("Event API unreachable");
        return { ids: ["evt"] };
      };
      const { results } = await retryJobRuns(workspaceDb(w.workspace.id), { workspaceId: w.workspace.id }, { jobRunIds: [unsent.id, sent.id] }, { actorId: w.owner.id, ip: null, userAgent: null }, { sendEvent });
      expect(results).toEqual([
        { jobRunId: unsent.id, kindLabel: "Sync", retried: false, reason: "Could not queue the retry: try this run again." },
        { jobRunId: sent.id, kindLabel: "Sync", retried: true, retryId: expect.any(String) },
      ]);
    });
  });
});
