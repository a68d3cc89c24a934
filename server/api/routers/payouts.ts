import { auditActorOf, createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { explainPayout } from "@/server/services/payout-reconciliation/explain-payout";
import { findPayouts } from "@/server/services/payout-reconciliation/find-payouts";
import { findUnmatchedDeposits } from "@/server/services/payout-reconciliation/find-unmatched-deposits";
import { getPayoutById } from "@/server/services/payout-reconciliation/get-payout-by-id";
import { listPayoutSetups } from "@/server/services/payout-reconciliation/list-payout-setups";
import { requestSetupReconciliation } from "@/server/services/payout-reconciliation/request-setup-reconciliation";
import { findPayoutsInput, findUnmatchedDepositsInput, payoutIdInput, setupIdInput, updatePayoutSetupInput } from "@/server/services/payout-reconciliation/schema";
import { undoPayoutExplanation } from "@/server/services/payout-reconciliation/undo-payout-explanation";
import { updatePayoutSetup } from "@/server/services/payout-reconciliation/update-payout-setup";

// Payouts ↔ bank ↔ books (server/services/payout-reconciliation):
// - list: payouts newest first (keyset), filtered by state, flagged (parts not adding up), issue
//   day range and store; each with its reconciliation (state, deposit, difference, breakdown).
// - get: one payout with its deposit, every candidate, the balance transactions (orders and
//   refunds) it settles, and the explanation posted, or proposed while none is.
// - unmatchedDeposits: payout-like deposits no payout claims.
// - setups / updateSetup (admin): one setup per store connection (bank account, window, deposit
//   wording, category per part, auto-explain); saving it recomputes it.
// - reconcileNow (admin): recompute a setup now (audited).
// - explain / undoExplanation (admin): post the matched deposit's explanations to the accounting
//   system, or delete exactly the ones Meridian posted.
export const payoutsRouter = createTRPCRouter({
  list: workspaceProcedure("data.read")
    .input(findPayoutsInput)
    .query(({ ctx, input }) => findPayouts(ctx.wdb, input)),

  get: workspaceProcedure("data.read")
    .input(payoutIdInput)
    .query(({ ctx, input }) => getPayoutById(ctx.wdb, input.payoutId)),

  unmatchedDeposits: workspaceProcedure("data.read")
    .input(findUnmatchedDepositsInput)
    .query(({ ctx, input }) => findUnmatchedDeposits(ctx.wdb, input)),

  setups: workspaceProcedure("data.read").query(({ ctx }) => listPayoutSetups(ctx.wdb)),

  updateSetup: workspaceProcedure("connections.manage")
    .input(updatePayoutSetupInput)
    .mutation(({ ctx, input }) => updatePayoutSetup(ctx.wdb, ctx.workspace.id, input, auditActorOf(ctx))),

  reconcileNow: workspaceProcedure("connections.manage")
    .input(setupIdInput)
    .mutation(({ ctx, input }) => requestSetupReconciliation(ctx.wdb, ctx.workspace.id, input.setupId, auditActorOf(ctx))),

  explain: workspaceProcedure("connections.manage")
    .input(payoutIdInput)
    .mutation(({ ctx, input }) => explainPayout(ctx.wdb, ctx.workspace.id, input.payoutId, auditActorOf(ctx))),

  undoExplanation: workspaceProcedure("connections.manage")
    .input(payoutIdInput)
    .mutation(({ ctx, input }) => undoPayoutExplanation(ctx.wdb, input.payoutId, auditActorOf(ctx))),
});
