import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { JobRunIdentity } from "./types";

// The first thing every tracked run does (inside a memoized step): find its JobRun, or claim the
// QUEUED row its sender pre-created, or create one. Keyed on Inngest's run id, so a retried or
// re-delivered call lands on the same row instead of adding another.
export async function startJobRun(identity: JobRunIdentity, now = new Date()): Promise<{ jobRunId: string }> {
  const existing = await findByRunId(identity.inngestRunId);
  if (existing) return { jobRunId: existing };

  const refs = await existingReferences(identity);
  const startedAt = now.toISOString();
  const running = {
    inngestRunId: identity.inngestRunId,
    functionId: identity.functionId,
    eventId: identity.event.id ?? null,
    kind: identity.kind,
    stream: identity.scope.stream,
    trigger: identity.scope.trigger,
    status: "RUNNING" as const,
    startedAt: now,
    attempts: 1,
    details: {
      // Event data arrived as JSON, so it is JSON.
      event: { name: identity.event.name, data: identity.event.data as Prisma.InputJsonObject },
      attempts: [{ attempt: 0, startedAt }],
      heartbeatAt: startedAt,
    } satisfies Prisma.InputJsonObject,
  };

  if (identity.jobRunId) {
    // Only a still-unclaimed QUEUED row of the same workspace: a row that was closed meanwhile
    // (see reconcileInFlightRuns) stays as it is, and this run gets a row of its own below. The
    // row's eventId is the one its sender recorded (recordJobRunEvents), left as it is.
    const { eventId: _sentAs, ...claim } = running;
    const claimed = await db.jobRun.updateMany({
      where: { id: identity.jobRunId, status: "QUEUED", inngestRunId: null, workspaceId: refs.workspaceId },
      data: { ...claim, ...(refs.retryOfId ? { retryOfId: refs.retryOfId } : {}) },
    });
    if (claimed.count === 1) return { jobRunId: identity.jobRunId };
  }

  try {
    const created = await db.jobRun.create({
      data: {
        ...running,
        workspaceId: refs.workspaceId,
        connectionId: refs.connectionId,
        retryOfId: refs.retryOfId,
        queuedAt: identity.event.ts ? new Date(identity.event.ts) : now,
      },
      select: { id: true },
    });
    return { jobRunId: created.id };
  } catch (error) {
    // Two calls of the same run raced past the lookup above: the other one created the row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findByRunId(identity.inngestRunId);
      if (raced) return { jobRunId: raced };
    }
    throw error;
  }
}

async function findByRunId(inngestRunId: string): Promise<string | null> {
  const row = await db.jobRun.findUnique({ where: { inngestRunId }, select: { id: true } });
  return row?.id ?? null;
}

// Events outlive rows: a connection removed, or a retried run pruned by retention, between the
// send and the run. The run is still recorded, without the dangling link (a foreign key
// violation here would fail the run before it even started).
async function existingReferences({ scope, retryOfId }: JobRunIdentity) {
  const [workspace, connection, retryOf] = await Promise.all([
    scope.workspaceId ? db.workspace.findUnique({ where: { id: scope.workspaceId }, select: { id: true } }) : null,
    scope.connectionId ? db.connection.findUnique({ where: { id: scope.connectionId }, select: { id: true } }) : null,
    retryOfId ? db.jobRun.findUnique({ where: { id: retryOfId }, select: { id: true } }) : null,
  ]);
  return { workspaceId: workspace?.id ?? null, connectionId: connection?.id ?? null, retryOfId: retryOf?.id ?? null };
}
