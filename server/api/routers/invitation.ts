import { auditActorOf, createTRPCRouter, protectedProcedure, publicProcedure, workspaceProcedure } from "@/server/api/trpc";
import { acceptInvitation } from "@/server/services/invitations/accept-invitation";
import { createInvitation } from "@/server/services/invitations/create-invitation";
import { findPendingInvitations } from "@/server/services/invitations/find-pending-invitations";
import { previewInvitation } from "@/server/services/invitations/preview-invitation";
import { resendInvitation } from "@/server/services/invitations/resend-invitation";
import { revokeInvitation } from "@/server/services/invitations/revoke-invitation";
import {
  createInvitationInput,
  invitationIdInput,
  invitationTokenInput,
} from "@/server/services/invitations/schema";
import type { InvitingMember } from "@/server/services/invitations/types";

function invitingMember(ctx: Parameters<typeof auditActorOf>[0] & {
  user: { id: string; name: string | null; email: string };
  workspace: { id: string; name: string };
  membership: { role: InvitingMember["role"] };
}): InvitingMember {
  return { ...auditActorOf(ctx), workspace: ctx.workspace, role: ctx.membership.role, name: ctx.user.name ?? ctx.user.email };
}

export const invitationRouter = createTRPCRouter({
  list: workspaceProcedure("invitations.read").query(({ ctx }) => findPendingInvitations(ctx.wdb)),

  create: workspaceProcedure("invitations.create")
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.wdb, invitingMember(ctx), input)),

  resend: workspaceProcedure("invitations.resend")
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => resendInvitation(ctx.wdb, invitingMember(ctx), input)),

  revoke: workspaceProcedure("invitations.revoke")
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.wdb, invitingMember(ctx), input)),

  preview: publicProcedure.input(invitationTokenInput).query(({ input }) => previewInvitation(input)),

  accept: protectedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.user, input, auditActorOf(ctx))),
});
