import { z } from "zod";
import { sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";

export const AUDIT_PAGE_SIZE = 25;

// The audit log's sorts and the direction each starts in: by time (newest first) or by action (its
// key, A first; entries of one action in id order); each on an index of AuditLog (workspaceId,
// column, id).
export const AUDIT_SORTS = { time: "desc", action: "asc" } as const satisfies Record<string, Direction>;
export type AuditSort = keyof typeof AUDIT_SORTS;

export const findAuditLogsInput = z.object({
  ...twoWayPageInput,
  ...sortInput(AUDIT_SORTS),
  action: z.string().trim().min(1).max(100).optional(),
});
export type FindAuditLogsInput = z.infer<typeof findAuditLogsInput>;
