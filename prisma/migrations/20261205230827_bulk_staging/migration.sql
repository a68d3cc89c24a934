-- Staging of bulk export files (server/ingest/bulk-staging.ts). UNLOGGED by hand: Prisma's schema
-- cannot say so, and its diff does not compare it, so a later migration will not undo it. No
-- write-ahead log for lines that can be downloaded again; PostgreSQL empties both tables after a
-- crash, which the reader notices (its BulkStaging row is gone) and stages the file again.

-- CreateTable
CREATE UNLOGGED TABLE "BulkStaging" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BulkStaging_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE UNLOGGED TABLE "BulkStagedLine" (
    "stagingId" INTEGER NOT NULL,
    "parentId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "BulkStagedLine_pkey" PRIMARY KEY ("stagingId","parentId","lineNo")
);

-- CreateIndex
CREATE UNIQUE INDEX "BulkStaging_connectionId_operationId_key" ON "BulkStaging"("connectionId", "operationId");

-- AddForeignKey
ALTER TABLE "BulkStaging" ADD CONSTRAINT "BulkStaging_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkStagedLine" ADD CONSTRAINT "BulkStagedLine_stagingId_fkey" FOREIGN KEY ("stagingId") REFERENCES "BulkStaging"("id") ON DELETE CASCADE ON UPDATE CASCADE;
