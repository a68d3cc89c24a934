import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findReconciliationDays } from "@/server/services/reconciliation/find-reconciliation-days";
import { findReconciliationIssues } from "@/server/services/reconciliation/find-reconciliation-issues";
import { getMatchRateTrend } from "@/server/services/reconciliation/get-match-rate-trend";
import { getReconciliationDay } from "@/server/services/reconciliation/get-reconciliation-day";
import { getReconciliationPair } from "@/server/services/reconciliation/get-reconciliation-pair";
import { listReconciliationPairs } from "@/server/services/reconciliation/list-reconciliation-pairs";
import { requestReconciliationRecompute } from "@/server/services/reconciliation/request-reconciliation-recompute";
import {
  findReconciliationDaysInput,
  findReconciliationIssuesInput,
  matchRateTrendInput,
  pairIdInput,
  reconciliationDayInput,
  reconciliationIssueTotalsInput,
  updatePairToleranceInput,
  updateReconciliationSettingsInput,
} from "@/server/services/reconciliation/schema";
import { totalReconciliationIssues } from "@/server/services/reconciliation/total-reconciliation-issues";
import { updatePairTolerance } from "@/server/services/reconciliation/update-pair-tolerance";
import { updateReconciliationSettings } from "@/server/services/reconciliation/update-reconciliation-settings";

// Store ↔ analytics reconciliation (server/services/reconciliation; the engine computes, this reads):
// - pairs: every pair with its latest match rate and sparkline, the threshold, and which kind of
//   connection is still missing (the empty state).
// - pair / trend / days: one pair, its match rate per day (the chart), its days (keyset, filters).
// - day / issues: one day's figures, breakdown and revisions; a pair's issues of a kind on a day
//   or across a range (keyset); issueTotals: how many the same filters select and their value.
// - updateSettings / updateTolerance (admin): the workspace's threshold, a pair's tolerance (audited).
// - recompute (admin): ask the engine to recompute a pair now (audited).
export const reconciliationRouter = createTRPCRouter({
  pairs: workspaceProcedure("data.read").query(({ ctx }) => listReconciliationPairs(ctx.wdb)),

  pair: workspaceProcedure("data.read")
    .input(pairIdInput)
    .query(({ ctx, input }) => getReconciliationPair(ctx.wdb, input.pairId)),

  trend: workspaceProcedure("data.read")
    .input(matchRateTrendInput)
    .query(({ ctx, input }) => getMatchRateTrend(ctx.wdb, input)),

  days: workspaceProcedure("data.read")
    .input(findReconciliationDaysInput)
    .query(({ ctx, input }) => findReconciliationDays(ctx.wdb, input)),

  day: workspaceProcedure("data.read")
    .input(reconciliationDayInput)
    .query(({ ctx, input }) => getReconciliationDay(ctx.wdb, input)),

  issues: workspaceProcedure("data.read")
    .input(findReconciliationIssuesInput)
    .query(({ ctx, input }) => findReconciliationIssues(ctx.wdb, input)),

  issueTotals: workspaceProcedure("data.read")
    .input(reconciliationIssueTotalsInput)
    .query(({ ctx, input }) => totalReconciliationIssues(ctx.wdb, input)),

  updateSettings: workspaceProcedure("connections.manage")
    .input(updateReconciliationSettingsInput)
    .mutation(({ ctx, input }) => updateReconciliationSettings(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  updateTolerance: workspaceProcedure("connections.manage")
    .input(updatePairToleranceInput)
    .mutation(({ ctx, input }) => updatePairTolerance(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  recompute: workspaceProcedure("connections.manage")
    .input(pairIdInput)
    .mutation(({ ctx, input }) => requestReconciliationRecompute(ctx.wdb, ctx.workspace.id, input.pairId, auditActorOf(ctx))),
});
