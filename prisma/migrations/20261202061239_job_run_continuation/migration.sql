-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "continuedFromId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_continuedFromId_key" ON "JobRun"("continuedFromId");

-- AddForeignKey
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_continuedFromId_fkey" FOREIGN KEY ("continuedFromId") REFERENCES "JobRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;
