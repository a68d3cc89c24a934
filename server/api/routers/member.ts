import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findMembers } from "@/server/services/members/find-members";
import { leaveWorkspace } from "@/server/services/members/leave-workspace";
import { removeMember } from "@/server/services/members/remove-member";
import { findMembersInput, removeMemberInput, transferOwnershipInput, updateMemberRoleInput } from "@/server/services/members/schema";
import { transferOwnership } from "@/server/services/members/transfer-ownership";
import { updateMemberRole } from "@/server/services/members/update-member-role";

export const memberRouter = createTRPCRouter({
  list: workspaceProcedure("members.read")
    .input(findMembersInput)
    .query(({ ctx, input }) => findMembers(ctx.wdb, input)),

  updateRole: workspaceProcedure("members.updateRole")
    .input(updateMemberRoleInput)
    .mutation(({ ctx, input }) =>
      updateMemberRole(ctx.wdb, { workspaceId: ctx.workspace.id, role: ctx.membership.role }, input, auditActorOf(ctx)),
    ),

  remove: workspaceProcedure("members.remove")
    .input(removeMemberInput)
    .mutation(({ ctx, input }) =>
      removeMember(ctx.wdb, { workspaceId: ctx.workspace.id, role: ctx.membership.role }, input, auditActorOf(ctx)),
    ),

  transferOwnership: workspaceProcedure("members.transferOwnership")
    .input(transferOwnershipInput)
    .mutation(({ ctx, input }) =>
      transferOwnership(ctx.wdb, { workspaceId: ctx.workspace.id, membershipId: ctx.membership.id }, input, auditActorOf(ctx)),
    ),

  // Any member may leave; the last owner may not.
  leave: workspaceProcedure("workspace.read").mutation(({ ctx }) =>
    leaveWorkspace(ctx.wdb, { workspaceId: ctx.workspace.id, membershipId: ctx.membership.id }, auditActorOf(ctx)),
  ),
});
