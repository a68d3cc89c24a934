import "server-only";
import { db, workspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { checkExportLink } from "./signed-link";

export type ExportDownload =
  | { ok: true; fileName: string; format: "CSV" | "NDJSON" | "XLSX"; bytes: AsyncGenerator<Uint8Array> }
  | { ok: false; status: 403 | 410; message: string };

// The file's chunks in order, one read each: memory holds one chunk, however large the file.
async function* chunksOf(exportId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.exportFileChunk.findUnique({ where: { exportId_seq: { exportId, seq } }, select: { data: true } });
    if (!chunk) return;
    yield chunk.data;
  }
}

// A background export's signed link, used (GET /api/exports/files/<id>): forged or altered → 403,
// expired or the file already removed → 410, each with what to do; a valid one is audited (with
// the signed-in person when there is one) and streams the stored file.
export async function openExportDownload(exportId: string, query: URLSearchParams, actor: AuditActor, now = new Date()): Promise<ExportDownload> {
  const link = checkExportLink(exportId, query, now);
  if (!link.ok) {
    return link.reason === "expired"
      ? { ok: false, status: 410, message: "This download link has expired. Open the export again in Meridian (Settings → Exports) for a new link." }
      : { ok: false, status: 403, message: "This download link is not valid for this file or workspace. Use the link exactly as Meridian gave it." };
  }
  const wdb = workspaceDb(link.workspaceId);
  const file = await wdb.exportFile.findUnique({ where: { id: exportId }, select: { fileName: true, format: true, status: true, expiresAt: true, list: true } });
  if (!file || file.status !== "SUCCEEDED" || (file.expiresAt && file.expiresAt <= now)) {
    return { ok: false, status: 410, message: "This export's file is no longer kept (see Settings → Retention). Export the list again." };
  }
  await recordAudit(wdb, {
    ...actor,
    workspaceId: link.workspaceId,
    action: "export.downloaded",
    targetType: "ExportFile",
    targetId: exportId,
    metadata: { list: file.list, format: file.format, via: "link" },
  });
  return { ok: true, fileName: file.fileName, format: file.format, bytes: chunksOf(exportId) };
}
