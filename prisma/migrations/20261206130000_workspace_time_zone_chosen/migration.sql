-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "timeZoneChosenAt" TIMESTAMPTZ(3);
