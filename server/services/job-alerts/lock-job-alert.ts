import type { Prisma } from "@/server/generated/prisma/client";
import type { JobAlertState } from "./alert-policy";
import { connectionKeyOf, type JobAlertInput } from "./schema";

type Tx = Prisma.TransactionClient;

export type LockedJobAlert = JobAlertState & { id: string };

// Row lock on the alert of one (workspace, connection, kind): concurrent failures and recoveries
// of the same job queue up behind it, so each decides on the state the previous one left.
export async function lockJobAlert(tx: Tx, key: Omit<JobAlertInput, "jobRunId">): Promise<LockedJobAlert | null> {
  const rows = await tx.$queryRaw<LockedJobAlert[]>`
    SELECT "id", "open", "lastSentAt", "pendingFailures", "lastFailedRunId"
    FROM "JobAlert"
    WHERE "workspaceId" = ${key.workspaceId} AND "connectionKey" = ${connectionKeyOf(key.connectionId)} AND "kind" = ${key.kind}
    FOR UPDATE`;
  return rows[0] ?? null;
}

// The first failure of a job creates its alert row; ON CONFLICT DO NOTHING makes concurrent
// first failures wait for one insert instead of failing on the unique key.
export async function ensureJobAlert(tx: Tx, key: Omit<JobAlertInput, "jobRunId">): Promise<LockedJobAlert> {
  await tx.jobAlert.createMany({
    data: [{ workspaceId: key.workspaceId, connectionId: key.connectionId, connectionKey: connectionKeyOf(key.connectionId), kind: key.kind }],
    skipDuplicates: true,
  });
  const row = await lockJobAlert(tx, key);
  if (!row) throw new Error(`JobAlert for ${key.workspaceId}/${key.kind} vanished after insert`);
  return row;
}
