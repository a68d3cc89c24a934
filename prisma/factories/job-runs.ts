import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

// A JobRun in any state, for the tracking, scheduling and health tests. Dates default to now;
// finished runs get finishedAt = startedAt + durationMs.
export async function buildTrackedJobRun(overrides: Partial<Prisma.JobRunUncheckedCreateInput> & { kind: string }) {
  const status = overrides.status ?? "SUCCEEDED";
  const queuedAt = overrides.queuedAt ? new Date(overrides.queuedAt) : new Date();
  const startedAt = overrides.startedAt !== undefined ? overrides.startedAt : status === "QUEUED" ? null : queuedAt;
  const finished = status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
  return db.jobRun.create({
    data: {
      trigger: "SCHEDULE",
      attempts: status === "QUEUED" ? 0 : 1,
      finishedAt: finished && startedAt ? new Date(new Date(startedAt).getTime() + 1_000) : null,
      durationMs: finished ? 1_000 : null,
      ...overrides,
      status,
      queuedAt,
      startedAt,
    },
  });
}
