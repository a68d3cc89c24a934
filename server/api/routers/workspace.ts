import { auditActorOf, createTRPCRouter, protectedProcedure, workspaceProcedure } from "@/server/api/trpc";
import { createWorkspace } from "@/server/services/workspaces/create-workspace";
import { describeWorkspace } from "@/server/services/workspaces/describe-workspace";
import { getWorkspaceDeletion } from "@/server/services/workspaces/get-workspace-deletion";
import { listWorkspacesForUser } from "@/server/services/workspaces/list-workspaces-for-user";
import { requestWorkspaceDeletion } from "@/server/services/workspaces/request-workspace-deletion";
import {
  createWorkspaceInput,
  deleteWorkspaceInput,
  updateWorkspaceInput,
  updateWorkspaceTimeZoneInput,
  workspaceDeletionInput,
} from "@/server/services/workspaces/schema";
import { updateWorkspace } from "@/server/services/workspaces/update-workspace";
import { getWorkspaceTimeZone } from "@/server/services/workspaces/time-zone-change";
import { updateWorkspaceTimeZone } from "@/server/services/workspaces/update-workspace-time-zone";

export const workspaceRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listWorkspacesForUser(ctx.user.id)),

  create: protectedProcedure
    .input(createWorkspaceInput)
    .mutation(async ({ ctx, input }) => {
      const { slug } = await createWorkspace(ctx.user.id, input, auditActorOf(ctx));
      return { slug };
    }),

  get: workspaceProcedure("workspace.read").query(({ ctx }) => describeWorkspace(ctx.workspace, ctx.membership.role)),

  update: workspaceProcedure("workspace.update")
    .input(updateWorkspaceInput)
    .mutation(({ ctx, input }) => updateWorkspace(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  // The zone the dashboard counts days in; returns it as the workspace has it now.
  timeZone: workspaceProcedure("workspace.read").query(({ ctx }) => getWorkspaceTimeZone(ctx.workspace.id)),

  updateTimeZone: workspaceProcedure("workspace.update")
    .input(updateWorkspaceTimeZoneInput)
    .mutation(({ ctx, input }) => updateWorkspaceTimeZone(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  delete: workspaceProcedure("workspace.delete")
    .input(deleteWorkspaceInput)
    .mutation(({ ctx, input }) =>
      requestWorkspaceDeletion(
        ctx.wdb,
        { workspaceId: ctx.workspace.id, membershipId: ctx.membership.id, email: ctx.user.email },
        input,
        auditActorOf(ctx),
      ),
    ),

  // The workspace is gone by then: only the person who deleted it may follow the erasure.
  deletion: protectedProcedure.input(workspaceDeletionInput).query(({ ctx, input }) => getWorkspaceDeletion(ctx.user.id, input)),
});
