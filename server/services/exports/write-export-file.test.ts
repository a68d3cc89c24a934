import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { buildCommerceScope } from "@/prisma/factories/commerce";
import { insertGeneratedOrders } from "@/prisma/factories/exports";
import { db } from "@/server/db";
import type { ExportFormat } from "@/server/generated/prisma/enums";
import { beginExportFile, EXPORT_START, finishExportFile, writeExportPart, type ExportProgress } from "./write-export-file";

// A background export's parts with tiny sizes (pages of 7 rows, parts of 20, chunks of 1 KiB), so
// a few hundred rows cross every boundary.
const OPTIONS = { rowsPerPart: 20, pageSize: 7, chunkBytes: 1024 };

async function queuedExport(workspaceId: string, format: ExportFormat, filters: Record<string, unknown> = {}) {
  return db.exportFile.create({ data: { workspaceId, list: "orders", format, fileName: "orders.csv", filters: superjson.serialize(filters) as never, rowsTotal: null } });
}

async function fileOf(exportId: string): Promise<Buffer> {
  const chunks = await db.exportFileChunk.findMany({ where: { exportId }, orderBy: { seq: "asc" } });
  expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
  return Buffer.concat(chunks.map((c) => c.data));
}

async function writeAll(exportId: string, from = EXPORT_START): Promise<ExportProgress[]> {
  const steps = [];
  let progress = from;
  while (!progress.done) steps.push((progress = await writeExportPart(exportId, progress, OPTIONS)));
  return steps;
}

describe("writing a background export in parts", () => {
  it("writes the same file in parts as at once, counting rows and bytes", async () => {
    const scope = await buildCommerceScope();
    await insertGeneratedOrders(scope, 95, { tie: 3 });
    const inParts = await queuedExport(scope.workspaceId, "CSV");
    await beginExportFile(inParts.id);
    const steps = await writeAll(inParts.id);
    expect(steps.map((s) => s.rowsWritten)).toEqual([20, 40, 60, 80, 95]);

    const whole = await queuedExport(scope.workspaceId, "CSV");
    await writeExportPart(whole.id, EXPORT_START, { ...OPTIONS, rowsPerPart: 1_000 });
    const file = await fileOf(inParts.id);
    expect(file.equals(await fileOf(whole.id))).toBe(true);
    const text = file.toString("utf8");
    expect(text.startsWith("\uFEFFOrder id,")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(97);
    expect(await db.exportFile.findUniqueOrThrow({ where: { id: inParts.id } })).toMatchObject({ rowsWritten: 95, bytes: BigInt(file.length), status: "RUNNING" });
  });

  it("resumes after a crash mid-part: what the crashed attempt stored is replaced, no row twice", async () => {
    const scope = await buildCommerceScope();
    await insertGeneratedOrders(scope, 95, { tie: 3 });
    const reference = await queuedExport(scope.workspaceId, "NDJSON");
    await writeAll(reference.id);

    const crashed = await queuedExport(scope.workspaceId, "NDJSON");
    const [first] = [await writeExportPart(crashed.id, EXPORT_START, OPTIONS)];
    // The second part's first attempt stored a chunk and counted its rows, then the process died
    // before the step returned: Inngest retries the step from the first part's output.
    await db.exportFileChunk.create({ data: { exportId: crashed.id, seq: first!.seq, data: Buffer.from('{"half":') } });
    await db.exportFile.update({ where: { id: crashed.id }, data: { rowsWritten: first!.rowsWritten + 14, bytes: 999_999 } });

    const rest = await writeAll(crashed.id, first);
    const file = await fileOf(crashed.id);
    expect(file.equals(await fileOf(reference.id))).toBe(true);
    const ids = file.toString("utf8").trim().split("\n").map((line) => JSON.parse(line).id);
    expect(new Set(ids).size).toBe(95);
    expect(rest.at(-1)).toMatchObject({ rowsWritten: 95, bytes: file.length, done: true });
    expect(await db.exportFile.findUniqueOrThrow({ where: { id: crashed.id } })).toMatchObject({ rowsWritten: 95, bytes: BigInt(file.length) });
  });

  it("writes an .xlsx whole, again from the start after a crash", async () => {
    const scope = await buildCommerceScope();
    await insertGeneratedOrders(scope, 30);
    const file = await queuedExport(scope.workspaceId, "XLSX");
    await db.exportFileChunk.create({ data: { exportId: file.id, seq: 0, data: Buffer.from("PK-partial") } });
    const [done] = await writeAll(file.id);
    expect(done).toMatchObject({ rowsWritten: 30, done: true });
    expect((await fileOf(file.id)).subarray(0, 2).toString()).toBe("PK");
    expect((await fileOf(file.id)).includes(Buffer.from("PK-partial"))).toBe(false);
  });

  it("keeps the filters it was started with, and expires the file after the workspace's window", async () => {
    const scope = await buildCommerceScope();
    await insertGeneratedOrders(scope, 40);
    await db.retentionPolicy.create({ data: { workspaceId: scope.workspaceId, exportFilesDays: 3 } });
    const file = await queuedExport(scope.workspaceId, "CSV", { search: "#G1", to: new Date("2026-06-01T00:00:00Z") });
    await beginExportFile(file.id);
    const [done] = await writeAll(file.id);
    // #G1 and #G10…#G19 and #G100… (only 40 exist): 11 orders.
    expect(done!.rowsWritten).toBe(11);
    const now = new Date("2026-12-06T10:00:00Z");
    await finishExportFile(file.id, now);
    expect(await db.exportFile.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({ status: "SUCCEEDED", finishedAt: now, expiresAt: new Date("2026-12-09T10:00:00Z") });
  });
});
