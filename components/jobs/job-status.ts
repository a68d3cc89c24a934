import type { BadgeVariant } from "@/components/ui/badge";
import type { JobStatus, JobTrigger } from "@/server/generated/prisma/enums";

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export const JOB_TRIGGER_LABELS: Record<JobTrigger, string> = {
  SCHEDULE: "Scheduled",
  MANUAL: "Manual",
  WEBHOOK: "Webhook",
  BACKFILL: "Backfill",
};

const VARIANTS: Record<JobStatus, BadgeVariant> = {
  QUEUED: "outline",
  RUNNING: "primary",
  SUCCEEDED: "success",
  FAILED: "destructive",
  CANCELLED: "neutral",
};

export function jobStatusBadge(status: JobStatus): { label: string; variant: BadgeVariant } {
  return { label: JOB_STATUS_LABELS[status], variant: VARIANTS[status] };
}

/** Still moving: the page keeps polling while any run it shows is in one of these states. */
export function isActiveStatus(status: JobStatus): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

export const LIVE_REFRESH_MS = 2_000;

export function liveRefetchInterval(statuses: JobStatus[] | undefined): number | false {
  return statuses?.some(isActiveStatus) ? LIVE_REFRESH_MS : false;
}
