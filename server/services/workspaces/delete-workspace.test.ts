import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import { buildMember, buildUser } from "@/prisma/factories/members";
import { buildPopulatedWorkspace, tenantRowCounts, tenantRowsFingerprint, tenantTables } from "@/prisma/factories/workspace-contents";
import { appRouter } from "@/server/api/root";
import { createContextForSession } from "@/server/api/trpc";
import { callerFor, errorOf, snapshotTables, TEST_IP, TEST_USER_AGENT } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { scheduleDueSyncs } from "@/server/services/connections/schedule-due-syncs";
import { processWebhook } from "@/server/services/webhooks/process-webhook";
import { beginWorkspaceErasure } from "./begin-workspace-erasure";
import { completeWorkspaceErasure } from "./complete-workspace-erasure";
import { eraseWorkspaceRows, type ErasureScope } from "./erase-workspace-rows";
import { ERASURE_PLAN, erasedTables } from "./erasure-plan";
import { requestWorkspaceDeletion } from "./request-workspace-deletion";

// What workspace.delete sends; where it goes is the Inngest function's test (inngest/functions).
const sent = vi.hoisted(() => [] as unknown[]);
vi.mock("@/inngest/client", () => ({ inngest: { send: vi.fn(async (event: unknown) => (sent.push(event), { ids: ["evt"] })) } }));

// The background erasure as the Inngest function runs it, with tiny batches so every table
// takes several.
async function erase(scope: ErasureScope) {
  expect(await beginWorkspaceErasure(scope, "job-run-under-test")).toEqual({ status: "ready" });
  for (const entry of ERASURE_PLAN) {
    for (let more = true; more; ) more = (await eraseWorkspaceRows(scope, entry, { batchSize: 2, maxBatches: 3 })).more;
  }
  return completeWorkspaceErasure(scope);
}

async function deleteAsOwner(world: Awaited<ReturnType<typeof buildPopulatedWorkspace>>, confirmation = world.workspace.name) {
  const { deletionId } = await callerFor(world.owner).workspace.delete({ workspaceSlug: world.workspace.slug, confirmation });
  return { deletionId, workspaceId: world.workspace.id };
}

describe("the erasure plan", () => {
  it("empties every table that has a workspaceId column, each once", async () => {
    expect([...erasedTables()].sort()).toEqual(await tenantTables());
  });
});

describe("workspace.delete", () => {
  it("erases every row of the workspace in every tenant table, leaves the other workspace untouched, and keeps a record", async () => {
    const doomed = await buildPopulatedWorkspace("Doomed Brand");
    const other = await buildPopulatedWorkspace("Other Brand");
    const before = await tenantRowCounts(doomed.workspace.id);
    // Every tenant table holds rows of the workspace, so the sweep below proves something for each.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const untouched = await tenantRowsFingerprint(other.workspace.id);

    const scope = await deleteAsOwner(doomed);
    const { deletedCounts } = await erase(scope);

    expect(Object.values(await tenantRowCounts(doomed.workspace.id)).every((n) => n === 0)).toBe(true);
    expect(await db.workspace.count({ where: { id: doomed.workspace.id } })).toBe(0);
    expect(await tenantRowsFingerprint(other.workspace.id)).toEqual(untouched);

    // The record outlives the workspace: who, when, from where, what it was, and exact counts.
    const record = await db.workspaceDeletion.findUniqueOrThrow({ where: { id: scope.deletionId } });
    expect(record).toMatchObject({
      deletedWorkspaceId: doomed.workspace.id,
      workspaceName: "Doomed Brand",
      workspaceSlug: doomed.workspace.slug,
      requestedById: doomed.owner.id,
      requestedByEmail: doomed.owner.email,
      ip: TEST_IP,
      userAgent: TEST_USER_AGENT,
      jobRunId: "job-run-under-test",
    });
    expect(record.startedAt).toBeInstanceOf(Date);
    expect(record.completedAt).toBeInstanceOf(Date);
    // The request's own audit rows (one per connection it disconnected) were erased too.
    expect(deletedCounts).toEqual({ ...before, AuditLog: before.AuditLog! + before.Connection!, Workspace: 1 });
    expect(record.deletedCounts).toEqual(deletedCounts);
  });

  it("takes the workspace away from everyone at once, frees its slug and stops its connections before any data is erased", async () => {
    const world = await buildPopulatedWorkspace("Vanishing Co");
    const { slug } = world.workspace;
    const webhook = await db.webhookEvent.findFirstOrThrow({ where: { connectionId: world.connection.id } });
    await deleteAsOwner(world, slug);

    for (const user of [world.owner, world.admin.user]) {
      expect((await errorOf(callerFor(user).workspace.get({ workspaceSlug: slug }))).code).toBe("NOT_FOUND");
      expect((await callerFor(user).workspace.list()).map((w) => w.id)).not.toContain(world.workspace.id);
    }
    expect(await db.invitation.count({ where: { workspaceId: world.workspace.id } })).toBe(0);
    expect(await db.connection.findUniqueOrThrow({ where: { id: world.connection.id } })).toMatchObject({
      status: "DISCONNECTED",
      encryptedCredentials: null,
    });
    // No scheduler pick-up, and a delivery still queued is not applied.
    const scheduled = await scheduleDueSyncs();
    expect(scheduled.map((s) => s.connectionId)).not.toContain(world.connection.id);
    const outcome = await processWebhook({ workspaceId: world.workspace.id, webhookEventId: webhook.id, topic: webhook.topic });
    expect(outcome).toMatchObject({ status: "IGNORED", reason: expect.stringMatching(/disconnected/) });
    // The slug is free for a new workspace at once (factory slugs are their own slugify()).
    const reused = await callerFor(await buildUser()).workspace.create({ name: slug });
    expect(reused.slug).toBe(slug);
    expect(sent).toContainEqual(
      expect.objectContaining({ name: "app/workspace.deletion.requested", data: expect.objectContaining({ workspaceId: world.workspace.id }) }),
    );
  });

  it("accepts the slug as well as the name", async () => {
    const world = await buildPopulatedWorkspace("Slug Typed");
    await expect(deleteAsOwner(world, world.workspace.slug)).resolves.toMatchObject({ workspaceId: world.workspace.id });
  });

  it("answers a confirmation that does not match with 400 naming the field, and changes nothing", async () => {
    const world = await buildPopulatedWorkspace("Exact Name");
    const before = await snapshotTables();
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/workspace.delete", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { workspaceSlug: world.workspace.slug, confirmation: "exact name" } }),
      }),
      router: appRouter,
      createContext: ({ req }) =>
        createContextForSession({ user: { id: world.owner.id, email: world.owner.email }, expires: "2999-01-01T00:00:00.000Z" }, req.headers),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.zodError.fieldErrors.confirmation).toEqual(["Type “Exact Name” exactly as shown to confirm"]);
    expect(await snapshotTables()).toEqual(before);
  });

  it("is refused to anyone but an owner, changing nothing", async () => {
    const world = await buildPopulatedWorkspace("Owners Only");
    const before = await snapshotTables();
    const error = await errorOf(callerFor(world.admin.user).workspace.delete({ workspaceSlug: world.workspace.slug, confirmation: "Owners Only" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(await snapshotTables()).toEqual(before);
  });

  it("rolls back when the erasure cannot be queued, so the owner can try again", async () => {
    const world = await buildPopulatedWorkspace("Try Again");
    const before = await snapshotTables();
    const request = requestWorkspaceDeletion(
      workspaceDb(world.workspace.id),
      { workspaceId: world.workspace.id, membershipId: world.ownerMembership.id, email: world.owner.email },
      { confirmation: "Try Again" },
      { actorId: world.owner.id, ip: null, userAgent: null },
      { sendEvent: async () => Promise.reject(new Error("Inngest is unreachable")) },
    );
    await expect(request).rejects.toThrow("Inngest is unreachable");
    expect(await snapshotTables()).toEqual(before);
  });

  it("re-reads the caller's role under the lock: an owner demoted since the permission check is refused", async () => {
    const world = await buildPopulatedWorkspace("Demoted");
    await db.membership.update({ where: { id: world.ownerMembership.id }, data: { role: "ADMIN" } });
    const request = requestWorkspaceDeletion(
      workspaceDb(world.workspace.id),
      { workspaceId: world.workspace.id, membershipId: world.ownerMembership.id, email: world.owner.email },
      { confirmation: "Demoted" },
      { actorId: world.owner.id, ip: null, userAgent: null },
      { sendEvent: async () => undefined },
    );
    await expect(request).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.workspaceDeletion.count({ where: { deletedWorkspaceId: world.workspace.id } })).toBe(0);
  });
});

describe("the erasure", () => {
  it("touches no workspace without a recorded deletion, whatever the event says", async () => {
    const victim = await buildPopulatedWorkspace("Victim");
    const decoy = await deleteAsOwner(await buildPopulatedWorkspace("Decoy"));
    const untouched = await tenantRowsFingerprint(victim.workspace.id);
    const forged = { deletionId: decoy.deletionId, workspaceId: victim.workspace.id };

    expect(await beginWorkspaceErasure(forged, "job-run")).toMatchObject({ status: "skipped" });
    for (const entry of ERASURE_PLAN) expect(await eraseWorkspaceRows(forged, entry)).toEqual({ removed: 0, more: false });
    await expect(completeWorkspaceErasure(forged)).rejects.toThrow(/No deletion/);
    expect(await tenantRowsFingerprint(victim.workspace.id)).toEqual(untouched);
  });

  it("skips a deletion that is already complete", async () => {
    const scope = await deleteAsOwner(await buildPopulatedWorkspace("Twice"));
    await erase(scope);
    expect(await beginWorkspaceErasure(scope, "job-run")).toEqual({ status: "skipped", reason: "The workspace's data was already erased." });
  });
});

describe("workspace.deletion", () => {
  it("shows the owner who deleted the workspace how the erasure goes, and nobody else", async () => {
    const world = await buildPopulatedWorkspace("Followed");
    const outsider = await buildMember((await buildPopulatedWorkspace("Elsewhere")).workspace.id, "OWNER");
    const scope = await deleteAsOwner(world);
    const queued = await callerFor(world.owner).workspace.deletion({ deletionId: scope.deletionId });
    expect(queued).toMatchObject({ workspaceName: "Followed", status: "queued", completedAt: null, rowsDeleted: 3 });

    await erase(scope);
    const done = await callerFor(world.owner).workspace.deletion({ deletionId: scope.deletionId });
    expect(done.status).toBe("completed");
    expect(done.rowsDeleted).toBeGreaterThan(30);
    expect((await errorOf(callerFor(outsider.user).workspace.deletion({ deletionId: scope.deletionId }))).code).toBe("NOT_FOUND");
  });
});
