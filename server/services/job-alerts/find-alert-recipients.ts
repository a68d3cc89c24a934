import { db } from "@/server/db";

export type AlertRecipient = { userId: string; email: string };

/** The NotificationPreference switch that turns an alert email off. */
export type AlertPreference = "jobFailureEmails" | "shipmentAlertEmails";

// Alerts go to the workspace's owners and admins who have not turned that alert off; a member
// without a NotificationPreference row has the defaults, which are on.
export async function findAlertRecipients(workspaceId: string, preference: AlertPreference = "jobFailureEmails"): Promise<AlertRecipient[]> {
  const memberships = await db.membership.findMany({
    where: {
      workspaceId,
      role: { in: ["OWNER", "ADMIN"] },
      user: {
        OR: [{ notificationPreference: { is: null } }, { notificationPreference: { is: { [preference]: true } } }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true } } },
  });
  return memberships.map(({ user }) => ({ userId: user.id, email: user.email }));
}
