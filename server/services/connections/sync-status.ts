import type { ConnectionStatus } from "@/server/generated/prisma/enums";

// Connections that sync: on schedule and on "Sync now". PAUSED was stopped by a person,
// NEEDS_REAUTH and DISCONNECTED have no usable credentials, PENDING is not set up yet. ERROR
// keeps syncing: the next run is how it recovers.
export const SYNCING_STATUSES = ["ACTIVE", "ERROR"] as const satisfies readonly ConnectionStatus[];

export function syncsOnSchedule(status: ConnectionStatus): boolean {
  return (SYNCING_STATUSES as readonly ConnectionStatus[]).includes(status);
}

export const SYNC_FUNCTION_ID = "connection-sync";
