import { z } from "zod";

export const updateMeInput = z.object({ name: z.string().trim().min(1, "Enter your name").max(80, "At most 80 characters") });
export type UpdateMeInput = z.infer<typeof updateMeInput>;

export const updateNotificationsInput = z.object({ jobFailureEmails: z.boolean() });
export type UpdateNotificationsInput = z.infer<typeof updateNotificationsInput>;
