// Every kind of job Meridian tracks as a JobRun. JobRun.kind is a plain string column so adding a
// kind needs no migration; this list is where one is declared, with the label the UI shows.
export const JOB_KINDS = ["sync", "scheduler", "retention", "job-alert", "diagnostics", "webhook", "workspace-deletion", "shipment-alert", "payout-reconciliation", "payout-summary", "analytics-reconciliation", "export", "reconciliation-summary", "time-zone-change"] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_KIND_LABEL = {
  sync: "Sync",
  scheduler: "Scheduler",
  retention: "Data retention",
  "job-alert": "Failure alert",
  diagnostics: "Diagnostics",
  webhook: "Webhook",
  "workspace-deletion": "Workspace deletion",
  "shipment-alert": "Shipment alert",
  "payout-reconciliation": "Payout reconciliation",
  "payout-summary": "Payout summary",
  "analytics-reconciliation": "GA4 reconciliation",
  export: "Export",
  "reconciliation-summary": "Reconciliation summary",
  "time-zone-change": "Time zone change",
} as const satisfies Record<JobKind, string>;

export function isJobKind(value: string): value is JobKind {
  return (JOB_KINDS as readonly string[]).includes(value);
}
