import type { WorkspaceDb } from "@/server/db";
import { jobKindLabel } from "./job-kind-label";

export type JobFilterOptions = {
  kinds: { value: string; label: string }[];
  connections: { id: string; displayName: string; provider: string }[];
};

// The choices for the Jobs filters: kinds that have run in this workspace, and its connections.
export async function listJobFilterOptions(wdb: WorkspaceDb): Promise<JobFilterOptions> {
  const [kinds, connections] = await Promise.all([
    wdb.jobRun.groupBy({ by: ["kind"], orderBy: { kind: "asc" } }),
    wdb.connection.findMany({ select: { id: true, displayName: true, provider: true }, orderBy: [{ displayName: "asc" }, { id: "asc" }] }),
  ]);
  return { kinds: kinds.map(({ kind }) => ({ value: kind, label: jobKindLabel(kind) })), connections };
}
