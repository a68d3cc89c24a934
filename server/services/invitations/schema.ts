import { z } from "zod";
import { roleInput } from "@/server/services/members/schema";

// Normalised before validation, so " Ann@Example.com " is accepted and stored as "ann@example.com".
export const invitationEmail = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address"));

export const createInvitationInput = z.object({ email: invitationEmail, role: roleInput });
export type CreateInvitationInput = z.infer<typeof createInvitationInput>;

export const invitationIdInput = z.object({ invitationId: z.string().min(1).max(64) });
export type InvitationIdInput = z.infer<typeof invitationIdInput>;

// Lenient on purpose: a mangled link must be answered "invalid", not with a validation error.
export const invitationTokenInput = z.object({ token: z.string().trim().min(1).max(512) });
export type InvitationTokenInput = z.infer<typeof invitationTokenInput>;
