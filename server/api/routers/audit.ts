import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findAuditLogs } from "@/server/services/audit/find-audit-logs";
import { findAuditLogsInput } from "@/server/services/audit/schema";

export const auditRouter = createTRPCRouter({
  list: workspaceProcedure("audit.read")
    .input(findAuditLogsInput)
    .query(({ ctx, input }) => findAuditLogs(ctx.wdb, input)),
});
