import { eventType } from "inngest";
import * as catalogue from "@/server/services/jobs/events";

// The SDK's event types of the app's event catalogue (server/services/jobs/events.ts): triggers,
// and the events the functions themselves send.

export const connectionSyncRequested = eventType(catalogue.connectionSyncRequested.name, { schema: catalogue.connectionSyncRequested.schema });
export const jobRunFailed = eventType(catalogue.jobRunFailed.name, { schema: catalogue.jobRunFailed.schema });
export const jobRunRecovered = eventType(catalogue.jobRunRecovered.name, { schema: catalogue.jobRunRecovered.schema });
export const diagnosticsNoopRequested = eventType(catalogue.diagnosticsNoopRequested.name, { schema: catalogue.diagnosticsNoopRequested.schema });
export const retentionRequested = eventType(catalogue.retentionRequested.name, { schema: catalogue.retentionRequested.schema });
export const webhookReceived = eventType(catalogue.webhookReceived.name, { schema: catalogue.webhookReceived.schema });
export const workspaceDeletionRequested = eventType(catalogue.workspaceDeletionRequested.name, { schema: catalogue.workspaceDeletionRequested.schema });
export const shipmentAlertRequested = eventType(catalogue.shipmentAlertRequested.name, { schema: catalogue.shipmentAlertRequested.schema });
export const payoutReconciliationRequested = eventType(catalogue.payoutReconciliationRequested.name, { schema: catalogue.payoutReconciliationRequested.schema });
export const payoutSummaryRequested = eventType(catalogue.payoutSummaryRequested.name, { schema: catalogue.payoutSummaryRequested.schema });
export const exportRequested = eventType(catalogue.exportRequested.name, { schema: catalogue.exportRequested.schema });
export const reconciliationWeeklySummaryRequested = eventType(catalogue.reconciliationWeeklySummaryRequested.name, { schema: catalogue.reconciliationWeeklySummaryRequested.schema });
export const analyticsReconciliationRequested = eventType(catalogue.analyticsReconciliationRequested.name, { schema: catalogue.analyticsReconciliationRequested.schema });
export const workspaceTimeZoneChangeRequested = eventType(catalogue.workspaceTimeZoneChangeRequested.name, { schema: catalogue.workspaceTimeZoneChangeRequested.schema });

export const events = [
  connectionSyncRequested,
  webhookReceived,
  diagnosticsNoopRequested,
  retentionRequested,
  workspaceDeletionRequested,
  jobRunFailed,
  jobRunRecovered,
  shipmentAlertRequested,
  payoutReconciliationRequested,
  payoutSummaryRequested,
  analyticsReconciliationRequested,
  exportRequested,
  reconciliationWeeklySummaryRequested,
  workspaceTimeZoneChangeRequested,
] as const;
