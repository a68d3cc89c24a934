import type { JobStatus, JobTrigger } from "@/server/generated/prisma/enums";

// What the Jobs list shows for one run: summary columns only (details can be large).
export type JobRunSummary = {
  id: string;
  kind: string;
  kindLabel: string;
  stream: string | null;
  trigger: JobTrigger;
  status: JobStatus;
  attempts: number;
  recordsRead: number;
  recordsInserted: number;
  recordsUpdated: number;
  recordsUnchanged: number;
  recordsDeleted: number;
  progressTotal: number | null;
  progressDone: number | null;
  /** A sync sleeping for its provider's request allowance until then (passed: the wait is over). */
  waitingUntil: Date | null;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  retryOfId: string | null;
  /** A long sync runs as a chain: the run this one continues, and the run that continues it. */
  continuedFromId: string | null;
  continuedIn: { id: string } | null;
  connection: { id: string; displayName: string; provider: string } | null;
};

export const jobRunSummarySelect = {
  id: true,
  kind: true,
  stream: true,
  trigger: true,
  status: true,
  attempts: true,
  recordsRead: true,
  recordsInserted: true,
  recordsUpdated: true,
  recordsUnchanged: true,
  recordsDeleted: true,
  progressTotal: true,
  progressDone: true,
  waitingUntil: true,
  error: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  retryOfId: true,
  continuedFromId: true,
  continuedIn: { select: { id: true } },
  connection: { select: { id: true, displayName: true, provider: true } },
} as const;
