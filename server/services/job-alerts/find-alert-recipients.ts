import { db } from "@/server/db";

export type AlertRecipient = { userId: string; email: string };

// Job alerts go to the workspace's owners and admins who have not turned them off; a member
// without a NotificationPreference row has the default, which is on.
export async function findAlertRecipients(workspaceId: string): Promise<AlertRecipient[]> {
  const memberships = await db.membership.findMany({
    where: {
      workspaceId,
      role: { in: ["OWNER", "ADMIN"] },
      user: {
        OR: [{ notificationPreference: { is: null } }, { notificationPreference: { is: { jobFailureEmails: true } } }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true } } },
  });
  return memberships.map(({ user }) => ({ userId: user.id, email: user.email }));
}
