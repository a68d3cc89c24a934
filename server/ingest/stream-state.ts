import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { sessionOf, type IngestTransaction } from "./pool";
import { newId, type IngestScope } from "./shared";

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
 * when omitted; `lastRunAt` defaults to now. In `tx` when given: a sync saves a batch's position
 * in the transaction that stores the batch, so neither is ever kept without the other.
 */
export async function saveStreamState(
  scope: IngestScope,
  stream: string,
  value: { cursor: string | null; state?: Prisma.InputJsonObject; lastRunAt?: Date },
  tx?: IngestTransaction,
): Promise<void> {
  const state = value.state === undefined ? null : JSON.stringify(value.state);
  await sessionOf(tx).query(SAVE_STREAM_STATE_SQL, [newId(), scope.workspaceId, scope.connectionId, stream, value.cursor, state, value.lastRunAt ?? new Date()]);
}

const SAVE_STREAM_STATE_SQL = `INSERT INTO "StreamState" AS t ("id", "workspaceId", "connectionId", "stream", "cursor", "state", "lastRunAt", "createdAt", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, coalesce($6::jsonb, '{}'::jsonb), $7, now(), now())
  ON CONFLICT ("connectionId", "stream") DO UPDATE SET
    "cursor" = EXCLUDED."cursor", "lastRunAt" = EXCLUDED."lastRunAt", "state" = coalesce($6::jsonb, t."state"), "updatedAt" = now()`;
