import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findJobRuns } from "@/server/services/job-history/find-job-runs";
import { getJobRunById } from "@/server/services/job-history/get-job-run-by-id";
import { listJobFilterOptions } from "@/server/services/job-history/list-job-filter-options";
import { retryJobRun } from "@/server/services/job-history/retry-job-run";
import { retryJobRuns } from "@/server/services/job-history/retry-job-runs";
import { findJobRunsInput, jobRunIdInput, jobRunIdsInput } from "@/server/services/job-history/schema";

export const jobRouter = createTRPCRouter({
  list: workspaceProcedure("jobs.read")
    .input(findJobRunsInput)
    .query(({ ctx, input }) => findJobRuns(ctx.wdb, input)),

  filterOptions: workspaceProcedure("jobs.read").query(({ ctx }) => listJobFilterOptions(ctx.wdb)),

  get: workspaceProcedure("jobs.read")
    .input(jobRunIdInput)
    .query(({ ctx, input }) => getJobRunById(ctx.wdb, input)),

  retry: workspaceProcedure("jobs.retry")
    .input(jobRunIdInput)
    .mutation(({ ctx, input }) => retryJobRun(ctx.wdb, { workspaceId: ctx.workspace.id }, input, auditActorOf(ctx))),

  retryMany: workspaceProcedure("jobs.retry")
    .input(jobRunIdsInput)
    .mutation(({ ctx, input }) => retryJobRuns(ctx.wdb, { workspaceId: ctx.workspace.id }, input, auditActorOf(ctx))),
});
