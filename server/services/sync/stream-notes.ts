import "server-only";
import type { StreamPosition } from "@/server/connectors/_core/sync";
import type { Prisma } from "@/server/generated/prisma/client";
import { readStreamState, saveStreamState, type IngestScope, type IngestTransaction } from "@/server/ingest";

// A stream's StreamState row holds the connector's position (cursor, and its own notes in
// `state`) and, beside them in `state`, what the engine keeps of the stream: the warning of its
// last scope check (and the scopes it was skipped without, which a new grant can add) and how many
// records it read since the connection was created. The Connections page shows them
// (server/services/connections/find-connections.ts).

export type StreamNotes = { warning?: string; missingScopes?: string[]; recordsRead?: number };

export type SavedStream = { position: StreamPosition; notes: StreamNotes };

export async function readSavedStream(scope: IngestScope, stream: string): Promise<SavedStream> {
  const row = await readStreamState(scope, stream);
  const { warning, missingScopes, recordsRead, ...state } = row?.state ?? {};
  return {
    position: { cursor: row?.cursor ?? null, state },
    notes: {
      warning: typeof warning === "string" ? warning : undefined,
      missingScopes: isStringList(missingScopes) ? missingScopes : undefined,
      recordsRead: typeof recordsRead === "number" ? recordsRead : undefined,
    },
  };
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** In `tx` when given: a chunk's positions are saved in the transaction that stores its records. */
export async function saveStream(scope: IngestScope, stream: string, { position, notes }: SavedStream, tx?: IngestTransaction): Promise<void> {
  // Undefined values (a note or state key being removed) are left out of the JSON.
  const state = { ...position.state, ...notes } as Prisma.InputJsonObject;
  await saveStreamState(scope, stream, { cursor: position.cursor, state }, tx);
}
