import { db } from "@/server/db";
import type { UpdateNotificationsInput } from "./schema";

export async function updateNotifications(userId: string, input: UpdateNotificationsInput) {
  const saved = await db.notificationPreference.upsert({
    where: { userId },
    create: { userId, jobFailureEmails: input.jobFailureEmails },
    update: { jobFailureEmails: input.jobFailureEmails },
    select: { jobFailureEmails: true },
  });
  return { jobFailureEmails: saved.jobFailureEmails };
}
