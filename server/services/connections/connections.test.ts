import { beforeEach, describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { disconnectConnection } from "./disconnect-connection";
import { findConnections } from "./find-connections";
import { requestConnectionSync, type SendSyncEvent } from "./request-connection-sync";
import { scheduleDueSyncs } from "./schedule-due-syncs";
import { setSyncFrequencyInput } from "./schema";
import { setConnectionPaused } from "./set-connection-paused";
import { setSyncFrequency } from "./set-sync-frequency";

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

let workspaceId: string;
let actor: { actorId: string; ip: null; userAgent: null };
beforeEach(async () => {
  // Every test gets a clean slate of connections so the set-based scheduler sees only its own.
  await db.jobRun.deleteMany();
  await db.connection.deleteMany();
  const { workspace, owner } = await buildWorkspaceWithOwner();
  workspaceId = workspace.id;
  actor = { actorId: owner.id, ip: null, userAgent: null };
});

describe("scheduleDueSyncs", () => {
  it("requests exactly the connections due by their frequency, in a syncing status, with nothing in flight", async () => {
    const now = new Date();
    const neverSynced = await buildConnection(workspaceId, { syncFrequencyMinutes: 15 });
    const dueHourly = await buildConnection(workspaceId, { syncFrequencyMinutes: 60, lastSyncedAt: minutesAgo(now, 61) });
    const erroring = await buildConnection(workspaceId, { status: "ERROR", syncFrequencyMinutes: 15, lastSyncedAt: minutesAgo(now, 16) });
    const fresh = await buildConnection(workspaceId, { syncFrequencyMinutes: 60, lastSyncedAt: minutesAgo(now, 59) });
    // Synced long ago but requested recently (a long sync still going): not again yet.
    await buildConnection(workspaceId, { syncFrequencyMinutes: 15, lastSyncedAt: minutesAgo(now, 600), lastSyncRequestedAt: minutesAgo(now, 5) });
    const daily = await buildConnection(workspaceId, { syncFrequencyMinutes: 1440, lastSyncedAt: minutesAgo(now, 1000) });
    for (const status of ["PAUSED", "DISCONNECTED", "NEEDS_REAUTH", "PENDING"] as const) {
      await buildConnection(workspaceId, { status, syncFrequencyMinutes: 15 });
    }
    const inFlight = await buildConnection(workspaceId, { syncFrequencyMinutes: 15 });
    await buildTrackedJobRun({ workspaceId, connectionId: inFlight.id, kind: "sync", status: "RUNNING" });

    const scheduled = await scheduleDueSyncs(now);
    expect(scheduled.map((s) => s.connectionId).sort()).toEqual([neverSynced.id, dueHourly.id, erroring.id].sort());
    expect(scheduled.every((s) => s.workspaceId === workspaceId)).toBe(true);

    const runs = await db.jobRun.findMany({ where: { id: { in: scheduled.map((s) => s.jobRunId) } } });
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      expect(run).toMatchObject({ workspaceId, kind: "sync", functionId: "connection-sync", trigger: "SCHEDULE", status: "QUEUED" });
      expect(run.details).toEqual({
        event: { name: "app/connection.sync.requested", data: { workspaceId, connectionId: run.connectionId, trigger: "SCHEDULE" } },
      });
    }
    const requested = await db.connection.findMany({ where: { lastSyncRequestedAt: now } });
    expect(requested.map((c) => c.id).sort()).toEqual([neverSynced.id, dueHourly.id, erroring.id].sort());
    expect((await db.connection.findUniqueOrThrow({ where: { id: fresh.id } })).lastSyncRequestedAt).toBeNull();
    expect((await db.connection.findUniqueOrThrow({ where: { id: daily.id } })).lastSyncRequestedAt).toBeNull();

    // The next tick finds them requested (and queued): nothing again.
    expect(await scheduleDueSyncs(new Date(now.getTime() + 30_000))).toEqual([]);
  });
});

describe("requestConnectionSync", () => {
  const sent: unknown[] = [];
  const sendEvent: SendSyncEvent = async (event) => void sent.push(event);
  beforeEach(() => void (sent.length = 0));
  const syncNow = () => ({ trigger: "MANUAL" as const, actor });

  it("queues a run, sends the event with it, and coalesces requests while it is queued or running", async () => {
    const connection = await buildConnection(workspaceId);
    const wdb = workspaceDb(workspaceId);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, syncNow(), { sendEvent })),
    );
    const ids = new Set(results.map((r) => r.jobRunId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.coalesced)).toHaveLength(1);
    const [jobRunId] = [...ids];
    expect(sent).toEqual([
      expect.objectContaining({
        name: "app/connection.sync.requested",
        id: `sync-${jobRunId}`,
        data: { workspaceId, connectionId: connection.id, trigger: "MANUAL", job: { jobRunId } },
      }),
    ]);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } })).toMatchObject({ status: "QUEUED", trigger: "MANUAL", connectionId: connection.id });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncRequestedAt).not.toBeNull();

    await db.jobRun.update({ where: { id: jobRunId }, data: { status: "RUNNING" } });
    expect(await requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, syncNow(), { sendEvent })).toEqual({ jobRunId, coalesced: true });
    await db.jobRun.update({ where: { id: jobRunId }, data: { status: "SUCCEEDED" } });
    const next = await requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, syncNow(), { sendEvent });
    expect(next.coalesced).toBe(false);
    expect(next.jobRunId).not.toBe(jobRunId);
    // And the scheduler leaves a connection with a queued run alone.
    expect(await scheduleDueSyncs()).toEqual([]);
  });

  it("audits a Sync now that queues a run, with its actor, and not the requests it coalesces", async () => {
    const connection = await buildConnection(workspaceId);
    const wdb = workspaceDb(workspaceId);
    const person = { actorId: actor.actorId, ip: "198.51.100.4", userAgent: "browser" };
    const queued = await requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, { trigger: "MANUAL", actor: person }, { sendEvent });
    const coalesced = await requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, { trigger: "MANUAL", actor: person }, { sendEvent });
    expect(coalesced).toEqual({ jobRunId: queued.jobRunId, coalesced: true });
    expect(await db.auditLog.findMany({ where: { workspaceId, action: "connection.sync_requested" } })).toEqual([
      expect.objectContaining({ ...person, targetType: "Connection", targetId: connection.id, metadata: { jobRunId: queued.jobRunId } }),
    ]);

    // The first sync after an install is audited by the install itself.
    await db.jobRun.update({ where: { id: queued.jobRunId }, data: { status: "SUCCEEDED" } });
    await requestConnectionSync(wdb, workspaceId, { connectionId: connection.id }, { trigger: "BACKFILL" }, { sendEvent });
    expect(await db.auditLog.count({ where: { workspaceId, action: "connection.sync_requested" } })).toBe(1);
  });

  it("refuses paused connections and ones of another workspace", async () => {
    const paused = await buildConnection(workspaceId, { status: "PAUSED" });
    const wdb = workspaceDb(workspaceId);
    await expect(requestConnectionSync(wdb, workspaceId, { connectionId: paused.id }, syncNow(), { sendEvent })).rejects.toMatchObject({ code: "CONFLICT" });
    const other = await buildWorkspaceWithOwner();
    const foreign = await buildConnection(other.workspace.id);
    await expect(requestConnectionSync(wdb, workspaceId, { connectionId: foreign.id }, syncNow(), { sendEvent })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(sent).toEqual([]);
    expect(await db.jobRun.count()).toBe(0);
    expect(await db.auditLog.count({ where: { workspaceId, action: "connection.sync_requested" } })).toBe(0);
  });

  it("closes the queued run when the event cannot be sent", async () => {
    const connection = await buildConnection(workspaceId);
    const failing: SendSyncEvent = async () => {
      throw new Error("event API unreachable");
    };
    await expect(requestConnectionSync(workspaceDb(workspaceId), workspaceId, { connectionId: connection.id }, syncNow(), { sendEvent: failing })).rejects.toThrow(
      /Could not queue the sync/,
    );
    const [run] = await db.jobRun.findMany({ where: { connectionId: connection.id } });
    expect(run).toMatchObject({ status: "FAILED", error: "Could not queue the sync: event API unreachable" });
  });
});

describe("connection settings", () => {
  it("pauses and resumes a connection, audited, and refuses other statuses", async () => {
    const connection = await buildConnection(workspaceId);
    const wdb = workspaceDb(workspaceId);
    expect(await setConnectionPaused(wdb, workspaceId, { connectionId: connection.id, paused: true }, actor)).toMatchObject({ status: "PAUSED" });
    expect(await setConnectionPaused(wdb, workspaceId, { connectionId: connection.id, paused: false }, actor)).toMatchObject({ status: "ACTIVE" });
    const actions = await db.auditLog.findMany({ where: { targetId: connection.id }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["connection.paused", "connection.resumed"]);

    const reauth = await buildConnection(workspaceId, { status: "NEEDS_REAUTH" });
    await expect(setConnectionPaused(wdb, workspaceId, { connectionId: reauth.id, paused: false }, actor)).rejects.toBeInstanceOf(AppError);
  });

  it("accepts only the offered frequencies, and audits a change", async () => {
    expect(setSyncFrequencyInput.safeParse({ connectionId: "c", syncFrequencyMinutes: 30 }).success).toBe(false);
    for (const minutes of [15, 60, 360, 1440]) {
      expect(setSyncFrequencyInput.safeParse({ connectionId: "c", syncFrequencyMinutes: minutes }).success).toBe(true);
    }
    const connection = await buildConnection(workspaceId);
    const wdb = workspaceDb(workspaceId);
    await expect(setSyncFrequency(wdb, workspaceId, { connectionId: connection.id, syncFrequencyMinutes: 45 as 60 }, actor)).rejects.toThrow();
    expect(await setSyncFrequency(wdb, workspaceId, { connectionId: connection.id, syncFrequencyMinutes: 360 }, actor)).toEqual({
      id: connection.id,
      syncFrequencyMinutes: 360,
    });
    const [audit] = await db.auditLog.findMany({ where: { targetId: connection.id } });
    expect(audit).toMatchObject({ action: "connection.sync_frequency_changed", actorId: actor.actorId, metadata: { from: 60, to: 360 } });
  });

  it("disconnects: erases the credentials, leaves the schedule, keeps the row, audited once", async () => {
    const connection = await buildConnection(workspaceId, { encryptedCredentials: "v1:k1:ciphertext" });
    const wdb = workspaceDb(workspaceId);
    expect(await disconnectConnection(wdb, workspaceId, { connectionId: connection.id }, actor)).toEqual({ id: connection.id, status: "DISCONNECTED" });
    expect(await disconnectConnection(wdb, workspaceId, { connectionId: connection.id }, actor)).toEqual({ id: connection.id, status: "DISCONNECTED" });
    expect(await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ status: "DISCONNECTED", encryptedCredentials: null });
    const audits = await db.auditLog.findMany({ where: { targetId: connection.id } });
    expect(audits).toEqual([expect.objectContaining({ action: "connection.disconnected", metadata: { previousStatus: "ACTIVE" } })]);
    expect(await scheduleDueSyncs()).toEqual([]);

    const other = await buildWorkspaceWithOwner();
    const theirs = await buildConnection(other.workspace.id, { encryptedCredentials: "v1:k1:theirs" });
    await expect(disconnectConnection(wdb, workspaceId, { connectionId: theirs.id }, actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.connection.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "ACTIVE", encryptedCredentials: "v1:k1:theirs" });
  });

  it("lists the workspace's connections with their last sync run", async () => {
    const viewer = await buildMember(workspaceId, "VIEWER");
    expect(viewer.membership.role).toBe("VIEWER");
    const connection = await buildConnection(workspaceId, { displayName: "Main shop" });
    await buildTrackedJobRun({ workspaceId, connectionId: connection.id, kind: "sync", status: "FAILED", queuedAt: new Date(Date.now() - 60_000) });
    const last = await buildTrackedJobRun({ workspaceId, connectionId: connection.id, kind: "sync", status: "SUCCEEDED" });
    const other = await buildWorkspaceWithOwner();
    await buildConnection(other.workspace.id);
    const list = await findConnections(workspaceDb(workspaceId));
    expect(list).toEqual([
      expect.objectContaining({ id: connection.id, displayName: "Main shop", provider: "SHOPIFY", lastSync: { jobRunId: last.id, status: "SUCCEEDED", queuedAt: last.queuedAt } }),
    ]);
  });

  it("names each stream's state as its connector labels it, and a stream the connector no longer has by its own name", async () => {
    const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", authMethod: "CREDENTIALS" });
    for (const stream of ["receiving", "order-refunds", "retired"]) {
      await db.streamState.create({ data: { workspaceId, connectionId: connection.id, stream, state: { recordsRead: 3 } } });
    }
    const [listed] = await findConnections(workspaceDb(workspaceId));
    // Created within the same millisecond, so compared in name order.
    expect(listed!.streams.map((s) => [s.stream, s.label, s.recordsRead]).sort()).toEqual([
      ["order-refunds", "order-refunds", 3],
      ["receiving", "Receiving orders", 3],
      ["retired", "retired", 3],
    ]);
  });
});
