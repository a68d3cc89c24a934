import "server-only";
import superjson from "superjson";
import { can } from "@/server/auth/permissions";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ExportFormat, Role } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { exportRequested } from "@/server/services/jobs/events";
import { sendForQueuedRun } from "@/server/services/jobs/send-for-queued-run";
import type { ExportSource } from "./columns";
import { exportFileName } from "./export-file-name";
import { directExportAllowed, EXPORT_FUNCTION_ID } from "./limits";
import { parseExportFilters } from "./parse-filters";
import type { StartExportInput } from "./schema";
import { exportSourceOf } from "./sources";

export type ExportCaller = { workspace: { id: string; slug: string }; role: Role; actor: AuditActor };

export type StartedExport = { mode: "direct"; href: string; rows: number } | { mode: "background"; exportId: string; rows: number };

export type SendExportEvent = (event: ReturnType<typeof exportRequested.create>) => Promise<unknown>;

/** The list's source with its filters checked, for a caller whose role may read that list. */
export function authorizedExport(role: Role, list: StartExportInput["list"], rawFilters: Record<string, unknown>) {
  const source: ExportSource<object> = exportSourceOf(list);
  // The same role as the list's page: exporting shows nothing the page would not.
  if (!can(role, source.requires)) throw new AppError("FORBIDDEN", "Your role in this workspace does not allow this.");
  return { source, filters: parseExportFilters(source, rawFilters) };
}

// The route that streams a small export takes the list's filters in the query, as superjson
// (the tRPC transformer's encoding, so dates stay dates).
export function directExportHref(slug: string, input: StartExportInput): string {
  const query = new URLSearchParams({ workspace: slug, format: input.format, filters: superjson.stringify(input.filters) });
  return `/api/exports/${input.list}?${query}`;
}

// The Export menu's choice: a small export streams straight from its route (the browser follows
// `href`); a large one becomes an ExportFile written by the `export-list` job, whose QUEUED JobRun
// is created here (so Jobs shows it at once) and claimed by the job through `data.job.jobRunId`.
export async function startExport(
  wdb: WorkspaceDb,
  caller: ExportCaller,   input: StartExportInput,
  deps: { sendEvent?: SendExportEvent; now?: Date } = {},
): Promise<StartedExport> {
  const { source, filters } = authorizedExport(caller.role, input.list, input.filters);
  const workspaceId = caller.workspace.id;
  const rows = await source.count(workspaceId, filters);
  if (directExportAllowed(input.format, rows)) {
    // Recorded here as asked for; the route records the download itself (it can also be opened directly).
    await recordAudit(wdb, { ...caller.actor, workspaceId, action: "export.requested", targetType: "List", targetId: input.list, metadata: { list: input.list, format: input.format, rows, mode: "direct" } });
    return { mode: "direct", href: directExportHref(caller.workspace.slug, input), rows };
  }

  const { file, run } = await wdb.$transaction(async (tx) => {
    const run = await tx.jobRun.create({
      data: { workspaceId, kind: "export", functionId: EXPORT_FUNCTION_ID, trigger: "MANUAL", status: "QUEUED", progressDone: 0, progressTotal: rows },
      select: { id: true },
    });
    const file = await tx.exportFile.create({
      data: {
        workspaceId,
        requestedById: caller.actor.actorId,
        list: input.list,
        filters: superjson.serialize(input.filters) as never,
        format: input.format as ExportFormat,
        fileName: exportFileName(source.fileStem, input.format, deps.now ?? new Date()),
        rowsTotal: rows,
        jobRunId: run.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...caller.actor,
      workspaceId,
      action: "export.requested",
      targetType: "ExportFile",
      targetId: file.id,
      metadata: { list: input.list, format: input.format, rows, mode: "background" },
    });
    return { file, run };
  });

  // A refused send leaves nothing to claim the file either: it is closed with the run.
  await sendForQueuedRun(run.id, exportRequested.create({ workspaceId, exportId: file.id, job: { jobRunId: run.id } }), "the export", {
    sendEvent: deps.sendEvent,
    closeAlso: (tx, { error, finishedAt }) => tx.exportFile.update({ where: { id: file.id }, data: { status: "FAILED", error, finishedAt } }),
  });
  return { mode: "background", exportId: file.id, rows };
}
