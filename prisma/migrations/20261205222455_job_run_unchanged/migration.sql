-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "recordsUnchanged" INTEGER NOT NULL DEFAULT 0;
