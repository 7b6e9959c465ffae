-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "defaultGraceDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "calendarTokenCreatedAt" TIMESTAMP(3),
ADD COLUMN     "calendarTokenHash" TEXT,
ADD COLUMN     "digestFrequency" TEXT NOT NULL DEFAULT 'weekly';

-- AlterTable
ALTER TABLE "Control" ADD COLUMN     "graceDays" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "slotKey" TEXT;

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "organizationId" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_organizationId_job_idx" ON "JobRun"("organizationId", "job");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_runKey_key" ON "JobRun"("job", "runKey");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_calendarTokenHash_key" ON "Membership"("calendarTokenHash");

