import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { assertConnectionInWorkspace } from "@/server/services/orders/find-orders";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP } from "@/server/services/pagination";
import { jobKindLabel } from "./job-kind-label";
import { jobRunSummarySelect, type JobRunSummary } from "./job-run-view";
import { JOB_SORTS, type FindJobRunsInput, type JobSort } from "./schema";

const SORTS = listSorts<JobSort>({ queued: keysetOn("queuedAt"), duration: keysetOn("durationMs", "integer", { nullable: true }) }, JOB_SORTS, "queued");

// A page of the Jobs history in the chosen sort (newest first by default), paging either way, with
// the filtered total counted up to its cap.
export async function findJobRuns(wdb: WorkspaceDb, input: FindJobRunsInput) {
  // A connection of another workspace is answered like one that does not exist, not with an
  // empty page that would confirm nothing yet hide the mistake.
  await assertConnectionInWorkspace(wdb, input.connectionId);
  const queuedAt = input.from || input.to ? { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } : undefined;
  const where: Prisma.JobRunWhereInput = {
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.connectionId ? { connectionId: input.connectionId } : {}),
    ...(queuedAt ? { queuedAt } : {}),
  };
  const [{ keyset, rows }, counted] = await Promise.all([
    SORTS.read(input, input, (query) =>
      wdb.jobRun.findMany({
        where: { AND: [where, query.where as Prisma.JobRunWhereInput] },
        orderBy: query.orderBy as Prisma.JobRunOrderByWithRelationInput[],
        take: query.take,
        select: jobRunSummarySelect,
      }),
    ),
    wdb.jobRun.count({ where, take: TOTAL_CAP + 1 }),
  ]);
  const page = keyset.twoWay(rows, input, (row): JobRunSummary => ({ ...row, kindLabel: jobKindLabel(row.kind) }));
  return { ...page, total: cappedTotal(counted) };
}
