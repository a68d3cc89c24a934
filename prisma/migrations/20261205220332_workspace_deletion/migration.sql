-- CreateTable
CREATE TABLE "WorkspaceDeletion" (
    "id" TEXT NOT NULL,
    "deletedWorkspaceId" TEXT NOT NULL,
    "workspaceName" TEXT NOT NULL,
    "workspaceSlug" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedByEmail" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "jobRunId" TEXT,
    "deletedCounts" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "WorkspaceDeletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceDeletion_deletedWorkspaceId_key" ON "WorkspaceDeletion"("deletedWorkspaceId");

-- CreateIndex
CREATE INDEX "WorkspaceDeletion_requestedById_idx" ON "WorkspaceDeletion"("requestedById");

-- CreateIndex
CREATE INDEX "EmailOutbox_workspaceId_idx" ON "EmailOutbox"("workspaceId");

-- CreateIndex
CREATE INDEX "JobRun_retryOfId_idx" ON "JobRun"("retryOfId");

-- AddForeignKey
ALTER TABLE "WorkspaceDeletion" ADD CONSTRAINT "WorkspaceDeletion_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
