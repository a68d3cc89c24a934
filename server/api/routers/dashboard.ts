import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { getOverview } from "@/server/services/dashboard/get-overview";
import { overviewInput } from "@/server/services/dashboard/schema";

export const dashboardRouter = createTRPCRouter({
  overview: workspaceProcedure("data.read")
    .input(overviewInput)
    .query(({ ctx, input }) => getOverview(ctx.workspace, input)),
});
