import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import type { ConnectionIdInput } from "./schema";

// Stops a connection for good: its credentials are erased (nothing can sync or refresh with
// them any more) and it leaves the schedule. Synced data stays, so history and reports keep
// working; connecting the same account again reuses this row.
export async function disconnectConnection(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: ConnectionIdInput,
  actor: AuditActor,
): Promise<{ id: string; status: "DISCONNECTED" }> {
  return wdb.$transaction((tx) => disconnectConnectionIn(tx, workspaceId, input, actor));
}

type Tx = Parameters<Parameters<WorkspaceDb["$transaction"]>[0]>[0];

// The same inside a transaction the caller holds (deleting a workspace disconnects every
// connection in the transaction that removes its members).
export async function disconnectConnectionIn(
  tx: Tx,
  workspaceId: string,
  input: ConnectionIdInput,
  actor: AuditActor,
): Promise<{ id: string; status: "DISCONNECTED" }> {
  const connection = await tx.connection.findFirst({ where: { id: input.connectionId }, select: { id: true, status: true } });
  if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
  if (connection.status === "DISCONNECTED") return { id: connection.id, status: "DISCONNECTED" };
  await tx.connection.update({
    where: { id: connection.id },
    data: { status: "DISCONNECTED", encryptedCredentials: null },
  });
  await recordAudit(tx, {
    ...actor,
    workspaceId,
    action: "connection.disconnected",
    targetType: "Connection",
    targetId: connection.id,
    metadata: { previousStatus: connection.status },
  });
  return { id: connection.id, status: "DISCONNECTED" };
}
