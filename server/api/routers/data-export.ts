import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findRecentExports, getExport } from "@/server/services/exports/export-view";
import { exportIdInput, startExportInput } from "@/server/services/exports/schema";
import { startExport } from "@/server/services/exports/start-export";

// Any member may export; each list then asks for the role its own page needs (audit log: ADMIN).
export const dataExportRouter = createTRPCRouter({
  start: workspaceProcedure("workspace.read")
    .input(startExportInput)
    .mutation(({ ctx, input }) =>
      startExport(ctx.wdb, { workspace: ctx.workspace, role: ctx.membership.role, actor: auditActorOf(ctx) }, input),
    ),

  get: workspaceProcedure("workspace.read")
    .input(exportIdInput)
    .query(({ ctx, input }) => getExport(ctx.wdb, ctx.membership.role, input)),

  recent: workspaceProcedure("workspace.read").query(({ ctx }) => findRecentExports(ctx.wdb, ctx.membership.role)),
});
