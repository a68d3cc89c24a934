import "server-only";
import superjson from "superjson";
import { db } from "@/server/db";
import { RETENTION_DEFAULTS } from "@/server/services/retention/schema";
import { exportChunks } from "./file-bytes";
import { EXPORT_CHUNK_BYTES, EXPORT_PAGE_SIZE, EXPORT_ROWS_PER_STEP } from "./limits";
import { parseExportFilters } from "./parse-filters";
import type { ExportList } from "./schema";
import { exportSourceOf } from "./sources";

// A background export's file, written by the `export-list` job in parts (one durable step each):
// every part goes on from where the last finished (its keyset position, chunk number and counts,
// which the step returns and Inngest keeps). A part that crashed is written again from that same
// start: whatever it had stored is removed first, so the file holds each row once. CSV and NDJSON
// are written EXPORT_ROWS_PER_STEP rows a part; an .xlsx is one zip, written in a single part.

export type ExportProgress = { cursor: string | null; seq: number; rowsWritten: number; bytes: number; done: boolean };

export const EXPORT_START: ExportProgress = { cursor: null, seq: 0, rowsWritten: 0, bytes: 0, done: false };

/** Marks the file RUNNING; null when it is gone (its workspace was deleted, or retention removed it). */
export async function beginExportFile(exportId: string): Promise<{ rowsTotal: number | null } | null> {
  const [file] = await db.exportFile.updateManyAndReturn({
    where: { id: exportId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING" },
    select: { rowsTotal: true },
  });
  return file ?? null;
}

type PartOptions = { rowsPerPart?: number; pageSize?: number; chunkBytes?: number };

export async function writeExportPart(exportId: string, from: ExportProgress, options: PartOptions = {}): Promise<ExportProgress> {
  const { rowsPerPart = EXPORT_ROWS_PER_STEP, pageSize = EXPORT_PAGE_SIZE, chunkBytes = EXPORT_CHUNK_BYTES } = options;
  const file = await db.exportFile.findUniqueOrThrow({ where: { id: exportId }, select: { workspaceId: true, list: true, filters: true, format: true } });
  await db.$transaction([
    db.exportFileChunk.deleteMany({ where: { exportId, seq: { gte: from.seq } } }),
    db.exportFile.update({ where: { id: exportId }, data: { rowsWritten: from.rowsWritten, bytes: from.bytes } }),
  ]);

  const source = exportSourceOf(file.list as ExportList);
  const filters = parseExportFilters(source, superjson.deserialize(file.filters as never));
  // The part's last row is fixed before it is written: rows added meanwhile land in this part or
  // the next, never in both.
  const through = file.format === "XLSX" ? null : await source.partEnd(file.workspaceId, filters, { cursor: from.cursor, rows: rowsPerPart });
  const state = { ...from, cursor: through, done: through === null };

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const store = async () => {
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    state.bytes += data.length;
    await db.$transaction([
      db.exportFileChunk.create({ data: { exportId, seq: state.seq++, data } }),
      db.exportFile.update({ where: { id: exportId }, data: { rowsWritten: state.rowsWritten, bytes: state.bytes } }),
    ]);
  };
  const chunks = exportChunks(file.format, source, file.workspaceId, filters, { cursor: from.cursor, through, start: from.cursor === null }, pageSize);
  for await (const { bytes, rows } of chunks) {
    // Counted with their text: the file's count and bytes are stored together.
    state.rowsWritten += rows;
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= chunkBytes) await store();
  }
  if (pendingBytes > 0) await store();
  return state;
}

export async function finishExportFile(exportId: string, now = new Date()): Promise<void> {
  const file = await db.exportFile.findUnique({ where: { id: exportId }, select: { workspace: { select: { retention: { select: { exportFilesDays: true } } } } } });
  const days = file?.workspace.retention?.exportFilesDays ?? RETENTION_DEFAULTS.exportFilesDays;
  await db.exportFile.updateMany({
    where: { id: exportId, status: "RUNNING" },
    data: { status: "SUCCEEDED", finishedAt: now, expiresAt: new Date(now.getTime() + days * 86_400_000) },
  });
}

/** Inngest gave up on the run: the file says so, and its partial chunks go. */
export async function failExportFile(exportId: string, error: string): Promise<void> {
  await db.$transaction([
    db.exportFileChunk.deleteMany({ where: { exportId } }),
    db.exportFile.updateMany({ where: { id: exportId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error, finishedAt: new Date() } }),
  ]);
}
