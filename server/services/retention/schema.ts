import { z } from "zod";

// How long each kind of data is kept, in days. Shared with the settings form, which shows the
// same bounds and messages the API enforces.

export const RETENTION_FIELDS = [
  "jobRunDetailsDays",
  "jobRunsDays",
  "failedJobRunsDays",
  "webhookPayloadsDays",
  "auditLogDays",
  "emailOutboxDays",
  "exportFilesDays",
] as const;

export type RetentionField = (typeof RETENTION_FIELDS)[number];

export const RETENTION_BOUNDS: Record<RetentionField, { min: number; max: number }> = {
  jobRunDetailsDays: { min: 7, max: 365 },
  jobRunsDays: { min: 30, max: 1825 },
  failedJobRunsDays: { min: 30, max: 1825 },
  webhookPayloadsDays: { min: 1, max: 90 },
  auditLogDays: { min: 90, max: 2555 },
  emailOutboxDays: { min: 1, max: 365 },
  exportFilesDays: { min: 1, max: 90 },
};

// Must equal the column defaults of the RetentionPolicy model (a test holds them together).
export const RETENTION_DEFAULTS: Record<RetentionField, number> = {
  jobRunDetailsDays: 90,
  jobRunsDays: 365,
  failedJobRunsDays: 180,
  webhookPayloadsDays: 30,
  auditLogDays: 365,
  emailOutboxDays: 30,
  exportFilesDays: 7,
};

function days(field: RetentionField) {
  const { min, max } = RETENTION_BOUNDS[field];
  return z
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter a whole number of days." })
    .min(min, { error: `At least ${min} days.` })
    .max(max, { error: `At most ${max} days.` });
}

export const retentionWindows = z
  .object({
    jobRunDetailsDays: days("jobRunDetailsDays"),
    jobRunsDays: days("jobRunsDays"),
    failedJobRunsDays: days("failedJobRunsDays"),
    webhookPayloadsDays: days("webhookPayloadsDays"),
    auditLogDays: days("auditLogDays"),
    emailOutboxDays: days("emailOutboxDays"),
    exportFilesDays: days("exportFilesDays"),
  })
  // A failed run is what people investigate: it keeps its details at least as long as any run does.
  .refine((w) => w.failedJobRunsDays >= w.jobRunDetailsDays, {
    path: ["failedJobRunsDays"],
    error: "Keep failed runs at least as long as run details.",
  });

export type RetentionWindows = z.infer<typeof retentionWindows>;

export const updateRetentionInput = retentionWindows;
export type UpdateRetentionInput = RetentionWindows;

// What one retention pass touches. `jobRunDetails` is not a table of its own: the run's details
// column is cleared and its summary kept.
// `exportFiles`: background exports' files (server/services/exports), with their chunks.
export const RETENTION_TARGETS = ["jobRuns", "jobRunDetails", "webhookEvents", "auditLogs", "emailOutbox", "exportFiles"] as const;
export type RetentionTarget = (typeof RETENTION_TARGETS)[number];

/**
 * What no workspace's settings govern: mail sent outside any workspace (sign-in links), sign-in
 * state past its expiry, request allowances whose windows have all passed, and deletion
 * tombstones past their fixed window (every workspace's at once).
 */
export const SYSTEM_RETENTION_TARGETS = ["emails", "signInTokens", "sessions", "rateLimitBuckets", "requestWindows", "deletionTombstones"] as const;
export type SystemRetentionTarget = (typeof SYSTEM_RETENTION_TARGETS)[number];

export type RetentionCounts = Record<RetentionTarget, number>;
