import { z } from "zod";

export const updateMeInput = z.object({ name: z.string().trim().min(1, "Enter your name").max(80, "At most 80 characters") });
export type UpdateMeInput = z.infer<typeof updateMeInput>;

// Each switch of the notifications page on its own: a request changes the ones it names.
export const NOTIFICATION_PREFERENCES = ["jobFailureEmails", "shipmentAlertEmails", "payoutSummaryEmails", "matchRateAlertEmails", "reconciliationWeeklyEmails"] as const;
export type NotificationPreferenceName = (typeof NOTIFICATION_PREFERENCES)[number];

export const updateNotificationsInput = z
  .object({
    jobFailureEmails: z.boolean().optional(),
    shipmentAlertEmails: z.boolean().optional(),
    payoutSummaryEmails: z.boolean().optional(),
    matchRateAlertEmails: z.boolean().optional(),
    reconciliationWeeklyEmails: z.boolean().optional(),
  })
  .strict()
  .refine((input) => NOTIFICATION_PREFERENCES.some((name) => input[name] !== undefined), {
    message: `Name a setting to change: ${NOTIFICATION_PREFERENCES.join(", ")}`,
  });
export type UpdateNotificationsInput = z.infer<typeof updateNotificationsInput>;
