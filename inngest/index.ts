import type { InngestFunction } from "inngest";
import { changeWorkspaceTimeZone } from "@/inngest/functions/change-workspace-time-zone";
import { deleteWorkspace } from "@/inngest/functions/delete-workspace";
import { diagnosticsNoop } from "@/inngest/functions/diagnostics-noop";
import { exportList } from "@/inngest/functions/export-list";
import { jobFailureAlert, jobRecoveryAlert } from "@/inngest/functions/job-alerts";
import { payoutSummary, requestPayoutSummaries } from "@/inngest/functions/payout-summary";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { reconcileAnalytics, requestAnalyticsReconciliations } from "@/inngest/functions/reconcile-analytics";
import { reconcilePayouts } from "@/inngest/functions/reconcile-payouts";
import { reconciliationWeeklySummary, requestReconciliationWeeklySummaries } from "@/inngest/functions/reconciliation-weekly-summary";
import { recordCancelledJobRun } from "@/inngest/functions/record-cancelled-job-run";
import { retentionDaily, retentionRun } from "@/inngest/functions/retention";
import { scheduleDueSyncsJob } from "@/inngest/functions/schedule-due-syncs";
import { requestShipmentAlerts, shipmentAlert } from "@/inngest/functions/shipment-alerts";
import { syncConnection } from "@/inngest/functions/sync-connection";

// Every function the app serves. A function missing here never runs anywhere.
export const functions: InngestFunction.Any[] = [
  diagnosticsNoop,
  retentionDaily,
  retentionRun,
  jobFailureAlert,
  jobRecoveryAlert,
  requestShipmentAlerts,
  shipmentAlert,
  reconcilePayouts,
  requestPayoutSummaries,
  payoutSummary,
  requestReconciliationWeeklySummaries,
  reconciliationWeeklySummary,
  requestAnalyticsReconciliations,
  reconcileAnalytics,
  scheduleDueSyncsJob,
  syncConnection,
  processWebhookJob,
  recordCancelledJobRun,
  deleteWorkspace,
  exportList,
  changeWorkspaceTimeZone,
];
