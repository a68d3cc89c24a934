import { db } from "@/server/db";

export type AlertRecipient = { userId: string; email: string };

/** The NotificationPreference switch that turns an alert email off. */
export type AlertPreference = "jobFailureEmails" | "shipmentAlertEmails" | "payoutSummaryEmails";

// Opt-in: off for a member without a NotificationPreference row (the column's default).
const OFF_BY_DEFAULT: ReadonlySet<AlertPreference> = new Set(["payoutSummaryEmails"]);

// Alerts go to the workspace's owners and admins who have that alert on; a member without a
// NotificationPreference row has the defaults: on, except the opt-in ones.
export async function findAlertRecipients(workspaceId: string, preference: AlertPreference = "jobFailureEmails"): Promise<AlertRecipient[]> {
  const memberships = await db.membership.findMany({
    where: {
      workspaceId,
      role: { in: ["OWNER", "ADMIN"] },
      user: {
        OR: [...(OFF_BY_DEFAULT.has(preference) ? [] : [{ notificationPreference: { is: null } }]), { notificationPreference: { is: { [preference]: true } } }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true } } },
  });
  return memberships.map(({ user }) => ({ userId: user.id, email: user.email }));
}
