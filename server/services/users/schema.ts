import { z } from "zod";

export const updateMeInput = z.object({ name: z.string().trim().min(1, "Enter your name").max(80, "At most 80 characters") });
export type UpdateMeInput = z.infer<typeof updateMeInput>;

// Each switch of the notifications page on its own: a request changes the ones it names.
export const updateNotificationsInput = z
  .object({ jobFailureEmails: z.boolean().optional(), shipmentAlertEmails: z.boolean().optional(), payoutSummaryEmails: z.boolean().optional() })
  .strict()
  .refine((input) => input.jobFailureEmails !== undefined || input.shipmentAlertEmails !== undefined || input.payoutSummaryEmails !== undefined, {
    message: "Name a setting to change: jobFailureEmails, shipmentAlertEmails or payoutSummaryEmails",
  });
export type UpdateNotificationsInput = z.infer<typeof updateNotificationsInput>;
