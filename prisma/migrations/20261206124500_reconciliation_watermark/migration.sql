-- AlterTable
ALTER TABLE "ReconciliationDay" ADD COLUMN     "analyticsRows" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationPair" ADD COLUMN     "lastComputedXmin" BIGINT;
