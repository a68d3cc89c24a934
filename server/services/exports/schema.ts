import { z } from "zod";
import { ExportFormat } from "@/server/generated/prisma/enums";

// The lists that export, as ExportFile.list names them.
export const EXPORT_LISTS = [
  "orders",
  "customers",
  "products",
  "inventory",
  "inventory-sku",
  "reconciliation-days",
  "reconciliation-issues",
  "job-runs",
  "audit-log",
] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

export function isExportList(list: string): list is ExportList {
  return (EXPORT_LISTS as readonly string[]).includes(list);
}

export const EXPORT_FORMATS = Object.values(ExportFormat);

const exportId = z.string().trim().min(1).max(64);

// `filters` is the list page's own query input (the same object its list procedure takes, without
// the workspace); the list's source validates it with the list's schema.
export const startExportInput = z.object({
  list: z.enum(EXPORT_LISTS),
  format: z.enum(ExportFormat),
  filters: z.record(z.string(), z.unknown()).default({}),
});
export type StartExportInput = z.infer<typeof startExportInput>;

export const exportIdInput = z.object({ exportId });
export type ExportIdInput = z.infer<typeof exportIdInput>;
