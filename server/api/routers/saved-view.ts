import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { createSavedView, deleteSavedView, listSavedViews, renameSavedView } from "@/server/services/saved-views/saved-views";
import { createSavedViewInput, listSavedViewsInput, renameSavedViewInput, savedViewIdInput } from "@/server/services/saved-views/schema";

// A person's own views of the lists they can read: the same role as reading the list.
export const savedViewRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(listSavedViewsInput)
    .query(({ ctx, input }) => listSavedViews(ctx.wdb, ctx.user.id, input)),

  create: workspaceProcedure("data.read")
    .input(createSavedViewInput)
    .mutation(({ ctx, input }) => createSavedView(ctx.wdb, { userId: ctx.user.id, workspaceId: ctx.workspace.id, actor: auditActorOf(ctx) }, input)),

  rename: workspaceProcedure("data.read")
    .input(renameSavedViewInput)
    .mutation(({ ctx, input }) => renameSavedView(ctx.wdb, { userId: ctx.user.id, workspaceId: ctx.workspace.id, actor: auditActorOf(ctx) }, input)),

  delete: workspaceProcedure("data.read")
    .input(savedViewIdInput)
    .mutation(({ ctx, input }) => deleteSavedView(ctx.wdb, { userId: ctx.user.id, workspaceId: ctx.workspace.id, actor: auditActorOf(ctx) }, input)),
});
