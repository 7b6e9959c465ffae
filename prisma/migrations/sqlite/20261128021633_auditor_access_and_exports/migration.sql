-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "accessExpiresAt" DATETIME;
ALTER TABLE "Invitation" ADD COLUMN "engagementIds" TEXT;

-- CreateTable
CREATE TABLE "AuditorAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "grantedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditorAccess_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorAccess_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorAccess_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorAccess_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditorRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "requirementId" TEXT,
    "controlId" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT,
    "closedAt" DATETIME,
    CONSTRAINT "AuditorRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditorRequestEvidence" (
    "requestId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "evidenceId"),
    CONSTRAINT "AuditorRequestEvidence_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AuditorRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequestEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER,
    "error" TEXT,
    "fileName" TEXT,
    "storageKey" TEXT,
    "sha256" TEXT,
    "size" INTEGER,
    "manifestSha256" TEXT,
    "readinessPercent" REAL,
    "figures" TEXT,
    "state" TEXT,
    "sentToAuditorAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ExportRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExportRun_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExportRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuditorAccess_organizationId_userId_idx" ON "AuditorAccess"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "AuditorAccess_engagementId_idx" ON "AuditorAccess"("engagementId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditorAccess_userId_engagementId_key" ON "AuditorAccess"("userId", "engagementId");

-- CreateIndex
CREATE INDEX "AuditorRequest_organizationId_engagementId_status_idx" ON "AuditorRequest"("organizationId", "engagementId", "status");

-- CreateIndex
CREATE INDEX "AuditorRequestEvidence_evidenceId_idx" ON "AuditorRequestEvidence"("evidenceId");

-- CreateIndex
CREATE INDEX "ExportRun_organizationId_engagementId_createdAt_idx" ON "ExportRun"("organizationId", "engagementId", "createdAt");

-- CreateIndex
CREATE INDEX "ExportRun_storageKey_idx" ON "ExportRun"("storageKey");

