import { z } from "zod";

// The data of `app/job-run.failed` and `app/job-run.recovered`: which run, and the alert key
// (workspace, connection or none, kind) it belongs to.
export const jobAlertInput = z.object({
  jobRunId: z.string().min(1),
  workspaceId: z.string().min(1),
  connectionId: z.string().min(1).nullable(),
  kind: z.string().min(1),
});
export type JobAlertInput = z.infer<typeof jobAlertInput>;

export function connectionKeyOf(connectionId: string | null): string {
  return connectionId ?? "";
}
