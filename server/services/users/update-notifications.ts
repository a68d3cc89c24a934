import { db } from "@/server/db";
import type { UpdateNotificationsInput } from "./schema";

const PREFERENCES = { jobFailureEmails: true, shipmentAlertEmails: true, payoutSummaryEmails: true, matchRateAlertEmails: true, reconciliationWeeklyEmails: true } as const;

export async function updateNotifications(userId: string, input: UpdateNotificationsInput) {
  return db.notificationPreference.upsert({
    where: { userId },
    create: { userId, ...input },
    update: input,
    select: PREFERENCES,
  });
}
