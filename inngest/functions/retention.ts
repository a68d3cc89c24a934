import type { GetStepTools } from "inngest";
import type { inngest } from "@/inngest/client";
import { defineJob } from "@/inngest/define-job";
import { retentionRequested } from "@/inngest/events";
import { RETENTION_DAILY_FUNCTION_ID, RETENTION_RUN_FUNCTION_ID } from "@/server/services/retention/constants";
import { loadRetentionWindows } from "@/server/services/retention/get-retention-policy";
import { listWorkspaceIdsForRetention } from "@/server/services/retention/list-workspaces-for-retention";
import { runRetentionBatches } from "@/server/services/retention/run-retention";
import { RETENTION_TARGETS, SYSTEM_RETENTION_TARGETS, type RetentionCounts, type SystemRetentionTarget } from "@/server/services/retention/schema";
import type { RetentionScope } from "@/server/services/retention/retention-targets";

// Workspaces per fan-out step: one step lists them, one sendEvent requests their runs.
const FAN_OUT_PAGE = 500;
// Batches (of RETENTION_BATCH_SIZE rows) per durable step: keeps each step short, so a retry
// repeats little work and a deploy never waits on a long step.
const BATCHES_PER_STEP = 20;

// Works through one scope, a step per BATCHES_PER_STEP batches, until nothing expired is left.
async function drain(step: GetStepTools<typeof inngest>, id: string, scope: RetentionScope, now: Date): Promise<number> {
  let total = 0;
  for (let chunk = 0; ; chunk++) {
    const { removed, more } = await step.run(`${id}-${chunk}`, () => runRetentionBatches(scope, now, { maxBatches: BATCHES_PER_STEP }));
    total += removed;
    if (!more) return total;
  }
}

// Daily at 03:00 UTC: requests one retention run per workspace, then prunes what no workspace's
// settings govern (mail sent outside any workspace, expired sign-in tokens, sessions and
// rate-limit windows, old deletion tombstones), which no workspace run covers. Recorded as a
// system run.
export const retentionDaily = defineJob(
  {
    id: RETENTION_DAILY_FUNCTION_ID,
    kind: "retention",
    triggers: [{ cron: "TZ=UTC 0 3 * * *" }],
    retries: 3,
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step, job }) => {
    const now = new Date(await step.run("start", async () => new Date().toISOString()));
    const day = now.toISOString().slice(0, 10);
    let afterId: string | null = null;
    let workspaces = 0;
    for (let page = 0; ; page++) {
      const cursor: string | null = afterId;
      const ids: string[] = await step.run(`list-workspaces-${page}`, () => listWorkspaceIdsForRetention(cursor, FAN_OUT_PAGE));
      if (ids.length > 0) {
        await step.sendEvent(
          `request-retention-${page}`,
          // One request per workspace and day, even if the schedule fires twice.
          ids.map((workspaceId) => retentionRequested.create({ workspaceId, trigger: "SCHEDULE" }, { id: `retention-${day}-${workspaceId}` })),
        );
      }
      workspaces += ids.length;
      if (ids.length < FAN_OUT_PAGE) break;
      afterId = ids[ids.length - 1]!;
    }

    const system = {} as Record<SystemRetentionTarget, number>;
    for (const target of SYSTEM_RETENTION_TARGETS) system[target] = await drain(step, `system-${target}`, { kind: "system", target }, now);
    await job.record({ deleted: Object.values(system).reduce((sum, n) => sum + n, 0) });
    return { workspaces, system };
  },
);

// One workspace's retention. Concurrency 1 per workspace: a "Run now" during the daily run waits
// for it instead of racing it over the same rows.
export const retentionRun = defineJob(
  {
    id: RETENTION_RUN_FUNCTION_ID,
    kind: "retention",
    triggers: [retentionRequested],
    retries: 3,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: event.data.trigger }),
  },
  async ({ event, step, job }) => {
    const { workspaceId } = event.data;
    // The windows and the instant are fixed once, so every step and every retry removes by the
    // same cutoffs.
    const start = await step.run("load-policy", async () => ({
      now: new Date().toISOString(),
      windows: await loadRetentionWindows(workspaceId),
    }));
    const now = new Date(start.now);

    const counts = {} as RetentionCounts;
    for (const [index, target] of RETENTION_TARGETS.entries()) {
      counts[target] = await drain(step, target, { kind: "workspace", workspaceId, windows: start.windows, target }, now);
      await job.progress(index + 1, RETENTION_TARGETS.length);
    }
    // Cleared details are rewritten rows, not deleted ones.
    await job.record({
      deleted: counts.jobRuns + counts.webhookEvents + counts.auditLogs + counts.emailOutbox + counts.exportFiles,
      updated: counts.jobRunDetails,
    });
    return counts;
  },
);
