import type { ExportFormat } from "@/server/generated/prisma/enums";
import { EXTENSION } from "./file-bytes";

// "orders-2026-12-06.csv": the list and the day (UTC), made only of characters that are safe in a
// header and on every file system.
export function exportFileName(stem: string, format: ExportFormat, now: Date): string {
  return `${stem.replace(/[^a-z0-9-]/gi, "-")}-${now.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
