import { z } from "zod";
import { JobStatus } from "@/server/generated/prisma/enums";
import { RANGE_IN_ORDER_ISSUE, rangeInOrder } from "@/server/services/date-range";
import { sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";

export const JOB_STATUSES = Object.values(JobStatus);
export const JOB_PAGE_SIZE = 25;

// The Jobs list's sorts and the direction each starts in: by when the run was queued (newest
// first) or how long it took (longest first; runs not finished have none, above the longest and
// after the shortest, as PostgreSQL puts NULLs); each on an index of JobRun (workspaceId, column, id).
export const JOB_SORTS = { queued: "desc", duration: "desc" } as const satisfies Record<string, Direction>;
export type JobSort = keyof typeof JOB_SORTS;

const id = z.string().trim().min(1).max(64);

// Filters of the Jobs history. `from`/`to` bound queuedAt (inclusive); the UI sends the start and
// end of the chosen days.
export const findJobRunsInput = z
  .object({
    ...twoWayPageInput,
    ...sortInput(JOB_SORTS),
    limit: z.number().int().min(1).max(100).default(JOB_PAGE_SIZE),
    kind: z.string().trim().min(1).max(64).optional(),
    status: z.enum(JobStatus).optional(),
    connectionId: id.optional(),
    from: z.date().optional(),
    to: z.date().optional(),
  })
  .refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type FindJobRunsInput = z.infer<typeof findJobRunsInput>;

export const jobRunIdInput = z.object({ jobRunId: id });
export type JobRunIdInput = z.infer<typeof jobRunIdInput>;

// "Retry selected": the runs ticked on the Jobs list, a few pages of them at most.
export const RETRY_SELECTION_MAX = 100;
export const jobRunIdsInput = z.object({
  jobRunIds: z.array(id).min(1, "Select at least one run.").max(RETRY_SELECTION_MAX, `Select at most ${RETRY_SELECTION_MAX} runs.`),
});
export type JobRunIdsInput = z.infer<typeof jobRunIdsInput>;
