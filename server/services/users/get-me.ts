import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { NotificationPreferenceName } from "./schema";

export type Me = { id: string; name: string | null; email: string; notificationPrefs: Record<NotificationPreferenceName, boolean> };

export async function getMe(userId: string): Promise<Me> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, notificationPreference: { select: { jobFailureEmails: true, shipmentAlertEmails: true, payoutSummaryEmails: true, matchRateAlertEmails: true, reconciliationWeeklyEmails: true } } },
  });
  if (!user) throw new AppError("UNAUTHORIZED", "Your account no longer exists. Sign in again.");
  // No preference row yet means the defaults.
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    notificationPrefs: {
      jobFailureEmails: user.notificationPreference?.jobFailureEmails ?? true,
      shipmentAlertEmails: user.notificationPreference?.shipmentAlertEmails ?? true,
      // Opt-in.
      payoutSummaryEmails: user.notificationPreference?.payoutSummaryEmails ?? false,
      matchRateAlertEmails: user.notificationPreference?.matchRateAlertEmails ?? false,
      reconciliationWeeklyEmails: user.notificationPreference?.reconciliationWeeklyEmails ?? false,
    },
  };
}
