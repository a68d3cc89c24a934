import { defineJob } from "@/inngest/define-job";
import { exportRequested } from "@/inngest/events";
import { EXPORT_FUNCTION_ID } from "@/server/services/exports/limits";
import { beginExportFile, EXPORT_START, failExportFile, finishExportFile, writeExportPart } from "@/server/services/exports/write-export-file";

// A list export too large for its request: the file is written in parts, one step each (a crashed
// part is written again from its start), its progress on the JobRun and the ExportFile, and ends
// SUCCEEDED with the expiry retention removes it by. The Export menu then shows a signed link.
export const exportList = defineJob(
  {
    id: EXPORT_FUNCTION_ID,
    kind: "export",
    triggers: [exportRequested],
    retries: 3,
    // Exports read whole lists: two at a time per workspace leaves the database to everyone else.
    concurrency: { key: "event.data.workspaceId", limit: 2 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: "MANUAL" }),
    onFailure: ({ event }) => failExportFile(event.data.exportId, "The export failed; see its run on the Jobs page."),
  },
  async ({ event, step, job }) => {
    const { exportId } = event.data;
    const begun = await step.run("export-begin", () => beginExportFile(exportId));
    if (!begun) return { outcome: "export-gone" as const };
    let progress = EXPORT_START;
    for (let part = 1; !progress.done; part++) {
      const from = progress;
      progress = await step.run(`export-part-${part}`, () => writeExportPart(exportId, from));
      await job.progress(progress.rowsWritten, begun.rowsTotal);
    }
    await step.run("export-finish", () => finishExportFile(exportId));
    return { outcome: "exported" as const, rows: progress.rowsWritten, bytes: progress.bytes };
  },
);
