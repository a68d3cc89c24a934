import type { RetentionField, RetentionTarget } from "@/server/services/retention/schema";

export const FIELD_LABELS: Record<RetentionField, { label: string; hint: string }> = {
  jobRunDetailsDays: { label: "Job run details", hint: "After this, runs keep their summary and counts only." },
  jobRunsDays: { label: "Job runs", hint: "Successful and cancelled runs." },
  failedJobRunsDays: { label: "Failed job runs", hint: "At least as long as run details." },
  webhookPayloadsDays: { label: "Webhook payloads", hint: "Raw events received from connected stores." },
  auditLogDays: { label: "Audit log", hint: "Who changed what in this workspace." },
  emailOutboxDays: { label: "Email outbox", hint: "Copies of emails sent for this workspace." },
  exportFilesDays: { label: "Export files", hint: "Files of finished background exports, and their download links." },
};

export const TARGET_LABELS: Record<RetentionTarget, { label: string; effect: string }> = {
  jobRuns: { label: "Job runs", effect: "deleted" },
  jobRunDetails: { label: "Job run details", effect: "cleared, summary kept" },
  webhookEvents: { label: "Webhook payloads", effect: "deleted" },
  auditLogs: { label: "Audit log entries", effect: "deleted" },
  emailOutbox: { label: "Outbox emails", effect: "deleted" },
  exportFiles: { label: "Export files", effect: "deleted" },
};
