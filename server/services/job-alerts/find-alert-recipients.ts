import { db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";

export type AlertRecipient = { userId: string; email: string };

/** The NotificationPreference switch that turns an alert email off. */
export type AlertPreference = "jobFailureEmails" | "shipmentAlertEmails" | "payoutSummaryEmails" | "matchRateAlertEmails" | "reconciliationWeeklyEmails";

// Opt-in: off for a member without a NotificationPreference row (the column's default).
const OFF_BY_DEFAULT: ReadonlySet<AlertPreference> = new Set(["payoutSummaryEmails", "matchRateAlertEmails", "reconciliationWeeklyEmails"]);

// Alerts go to the workspace's owners and admins (or the given roles) who have that alert on; a
// member without a NotificationPreference row has the defaults: on, except the opt-in ones.
export async function findAlertRecipients(workspaceId: string, preference: AlertPreference = "jobFailureEmails", roles: readonly Role[] = ["OWNER", "ADMIN"]): Promise<AlertRecipient[]> {
  const memberships = await db.membership.findMany({
    where: {
      workspaceId,
      role: { in: [...roles] },
      user: {
        OR: [...(OFF_BY_DEFAULT.has(preference) ? [] : [{ notificationPreference: { is: null } }]), { notificationPreference: { is: { [preference]: true } } }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true } } },
  });
  return memberships.map(({ user }) => ({ userId: user.id, email: user.email }));
}
