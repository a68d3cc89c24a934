import type { WorkspaceDb } from "@/server/db";
import { PENDING } from "./status";
import type { PendingInvitation } from "./types";

export async function findPendingInvitations(wdb: WorkspaceDb, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await wdb.invitation.findMany({
    where: PENDING,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { invitedBy: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    lastSentAt: row.lastSentAt,
    createdAt: row.createdAt,
    expired: row.expiresAt <= now,
    invitedBy: row.invitedBy,
  }));
}
