-- Deletions at the source of records not stored yet (server/ingest/deletions.ts), which ingest of
-- those records honours; pruned by retention on occurredAt.

-- CreateTable
CREATE TABLE "DeletionTombstone" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletionTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeletionTombstone_occurredAt_idx" ON "DeletionTombstone"("occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeletionTombstone_workspaceId_connectionId_resource_externa_key" ON "DeletionTombstone"("workspaceId", "connectionId", "resource", "externalId");

-- AddForeignKey
ALTER TABLE "DeletionTombstone" ADD CONSTRAINT "DeletionTombstone_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;
