import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { getRetentionPolicy } from "@/server/services/retention/get-retention-policy";
import { previewRetention } from "@/server/services/retention/preview-retention";
import { requestRetentionRun } from "@/server/services/retention/request-retention-run";
import { updateRetentionInput } from "@/server/services/retention/schema";
import { updateRetentionPolicy } from "@/server/services/retention/update-retention-policy";

export const retentionRouter = createTRPCRouter({
  get: workspaceProcedure("settings.retention").query(({ ctx }) => getRetentionPolicy(ctx.wdb)),

  update: workspaceProcedure("settings.retention")
    .input(updateRetentionInput)
    .mutation(({ ctx, input }) => updateRetentionPolicy(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  preview: workspaceProcedure("settings.retention").query(({ ctx }) => previewRetention(ctx.wdb, ctx.workspace.id, new Date())),

  // Returns the queued JobRun's id, so the UI can link to it in Jobs.
  runNow: workspaceProcedure("settings.retention").mutation(({ ctx }) =>
    requestRetentionRun(ctx.wdb, ctx.workspace.id, auditActorOf(ctx)),
  ),
});
