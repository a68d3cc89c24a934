import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { IngestScope } from "./shared";

export type StreamStateSnapshot = {
  stream: string;
  cursor: string | null;
  state: Prisma.JsonObject;
  lastRunAt: Date | null;
  updatedAt: Date;
};

/** Where the connection's stream stopped, or null if it never ran. */
export async function readStreamState(scope: IngestScope, stream: string): Promise<StreamStateSnapshot | null> {
  const row = await db.streamState.findFirst({
    where: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, stream },
    select: { stream: true, cursor: true, state: true, lastRunAt: true, updatedAt: true },
  });
  if (!row) return null;
  const state = row.state && typeof row.state === "object" && !Array.isArray(row.state) ? (row.state as Prisma.JsonObject) : {};
  return { ...row, state };
}

/**
 * Records where the stream stopped. `state` replaces the stored extras when given and is kept
 * when omitted; `lastRunAt` defaults to now. Call it after the batch's ingest has returned: a
 * crash in between re-reads that batch, which changes nothing.
 */
export async function saveStreamState(
  scope: IngestScope,
  stream: string,
  value: { cursor: string | null; state?: Prisma.InputJsonObject; lastRunAt?: Date },
): Promise<void> {
  const lastRunAt = value.lastRunAt ?? new Date();
  await db.streamState.upsert({
    where: { connectionId_stream: { connectionId: scope.connectionId, stream } },
    create: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, stream, cursor: value.cursor, state: value.state ?? {}, lastRunAt },
    update: { cursor: value.cursor, lastRunAt, ...(value.state === undefined ? {} : { state: value.state }) },
  });
}
