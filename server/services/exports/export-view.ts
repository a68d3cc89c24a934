import "server-only";
import { can } from "@/server/auth/permissions";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ExportFormat, ExportStatus, Role } from "@/server/generated/prisma/enums";
import { isExportList, type ExportIdInput, type ExportList } from "./schema";
import { signedExportLink } from "./signed-link";
import { exportSourceOf } from "./sources";

export type ExportView = {
  id: string;
  list: ExportList;
  format: ExportFormat;
  status: ExportStatus;
  fileName: string;
  rowsTotal: number | null;
  rowsWritten: number;
  error: string | null;
  createdAt: Date;
  /** A freshly signed link while the file is kept; null before it is written and once it is gone. */
  download: { href: string; expiresAt: Date } | null;
};

const select = { id: true, workspaceId: true, list: true, format: true, status: true, fileName: true, rowsTotal: true, rowsWritten: true, error: true, createdAt: true, expiresAt: true } as const;

type Row = { id: string; workspaceId: string; list: string; format: ExportFormat; status: ExportStatus; fileName: string; rowsTotal: number | null; rowsWritten: number; error: string | null; createdAt: Date; expiresAt: Date | null };

// Only what the caller's role may read as a list: an audit log export is no more visible than the audit log.
function visibleTo(role: Role, row: Row): row is Row & { list: ExportList } {
  return isExportList(row.list) && can(role, exportSourceOf(row.list).requires);
}

function viewOf(row: Row & { list: ExportList }, now: Date): ExportView {
  const kept = row.status === "SUCCEEDED" && (!row.expiresAt || row.expiresAt > now);
  const { workspaceId, expiresAt: _expiresAt, ...rest } = row;
  return { ...rest, download: kept ? signedExportLink(workspaceId, row.id, now) : null };
}

export async function getExport(wdb: WorkspaceDb, role: Role, input: ExportIdInput, now = new Date()): Promise<ExportView> {
  const row = await wdb.exportFile.findUnique({ where: { id: input.exportId }, select });
  if (!row || !visibleTo(role, row)) throw new AppError("NOT_FOUND", "Export not found.");
  return viewOf(row, now);
}

export const RECENT_EXPORTS = 20;

// The workspace's latest background exports, newest first (Settings → Exports).
export async function findRecentExports(wdb: WorkspaceDb, role: Role, now = new Date()): Promise<{ items: ExportView[] }> {
  const rows = await wdb.exportFile.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_EXPORTS, select });
  return { items: rows.filter((row) => visibleTo(role, row)).map((row) => viewOf(row, now)) };
}
