import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { keysetOn } from "@/server/services/pagination";
import { jobKindLabel } from "./job-kind-label";
import { jobRunSummarySelect, type JobRunSummary } from "./job-run-view";
import type { FindJobRunsInput } from "./schema";

const byQueuedAt = keysetOn("queuedAt");

// Newest first, keyset-paginated on (queuedAt desc, id desc), which the JobRun index covers.
export async function findJobRuns(wdb: WorkspaceDb, input: FindJobRunsInput) {
  // A connection of another workspace is answered like one that does not exist, not with an
  // empty page that would confirm nothing yet hide the mistake.
  if (input.connectionId && !(await wdb.connection.findUnique({ where: { id: input.connectionId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Connection not found.");
  }
  const queuedAt = input.from || input.to ? { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } : undefined;
  const rows = await wdb.jobRun.findMany({
    where: {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.connectionId ? { connectionId: input.connectionId } : {}),
      ...(queuedAt ? { queuedAt } : {}),
      ...(input.cursor ? byQueuedAt.after(input.cursor, "desc") : {}),
    },
    orderBy: byQueuedAt.orderBy("desc"),
    take: input.limit + 1,
    select: jobRunSummarySelect,
  });
  return byQueuedAt.toPage(rows, input.limit, (row): JobRunSummary => ({ ...row, kindLabel: jobKindLabel(row.kind) }));
}
