import { z } from "zod";
import { pageInput } from "@/server/services/pagination";

export const findAuditLogsInput = z.object({
  ...pageInput,
  action: z.string().trim().min(1).max(100).optional(),
});
export type FindAuditLogsInput = z.infer<typeof findAuditLogsInput>;
