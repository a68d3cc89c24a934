-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "waitingUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "RequestWindowCount" (
    "allowanceKey" TEXT NOT NULL,
    "windows" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RequestWindowCount_pkey" PRIMARY KEY ("allowanceKey")
);
