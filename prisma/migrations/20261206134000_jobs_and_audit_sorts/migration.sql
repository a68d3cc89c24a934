-- The Jobs list sorted by duration and the audit log sorted by action: keyset on the sorted column
-- and id, read either way.

-- CreateIndex
CREATE INDEX "JobRun_workspaceId_durationMs_id_idx" ON "JobRun"("workspaceId", "durationMs", "id");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_action_id_idx" ON "AuditLog"("workspaceId", "action", "id");
