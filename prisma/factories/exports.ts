import { db } from "@/server/db";

/** A finished export created at `createdAt` (with one chunk), whose file is kept until `expiresAt`. */
export async function buildAgedExportFile({ workspaceId, createdAt, expiresAt }: { workspaceId: string; createdAt: Date; expiresAt: Date }) {
  return db.exportFile.create({
    data: {
      workspaceId,
      list: "orders",
      format: "CSV",
      status: "SUCCEEDED",
      fileName: "orders.csv",
      rowsTotal: 1,
      rowsWritten: 1,
      bytes: 4,
      createdAt,
      finishedAt: createdAt,
      expiresAt,
      chunks: { create: { seq: 0, data: Buffer.from("a\r\n") } },
    },
    select: { id: true },
  });
}
