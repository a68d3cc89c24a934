import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

// Builders for the Jobs history: a connection to hang runs on, and JobRun rows in any state.

export async function buildJobConnection(workspaceId: string, overrides: { provider?: string; displayName?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  return db.connection.create({
    data: {
      workspaceId,
      provider: overrides.provider ?? "SHOPIFY",
      externalAccountId: `shop-${tag}.myshopify.com`,
      displayName: overrides.displayName ?? `Shop ${tag}`,
      status: "ACTIVE",
      authMethod: "OAUTH",
    },
  });
}

// A finished, failed sync run whose details still hold the event, so it can be retried.
export async function buildJobRun(workspaceId: string | null, overrides: Partial<Prisma.JobRunUncheckedCreateInput> = {}) {
  const queuedAt = overrides.queuedAt ? new Date(overrides.queuedAt) : new Date();
  const status = overrides.status ?? "FAILED";
  const finished = status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
  const connectionId = overrides.connectionId ?? null;
  return db.jobRun.create({
    data: {
      workspaceId,
      kind: "sync",
      trigger: "SCHEDULE",
      functionId: "connection-sync",
      attempts: 1,
      startedAt: status === "QUEUED" ? null : new Date(queuedAt.getTime() + 1_000),
      finishedAt: finished ? new Date(queuedAt.getTime() + 61_000) : null,
      durationMs: finished ? 60_000 : null,
      error: status === "FAILED" ? "Shopify answered 503 Service Unavailable" : null,
      details: {
        event: { name: "app/connection.sync.requested", data: { workspaceId, connectionId, trigger: "SCHEDULE" } },
        attempts: [{ attempt: 0, startedAt: new Date(queuedAt.getTime() + 1_000).toISOString() }],
      },
      ...overrides,
      status,
      queuedAt,
      connectionId,
    },
  });
}
