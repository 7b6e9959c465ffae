-- AlterTable
ALTER TABLE "User" ADD COLUMN "passwordChangedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "totpEnabledAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "User" ADD COLUMN "totpPendingSecret" TEXT;
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT;

-- AlterTable
ALTER TABLE "ReadinessSnapshot" ADD COLUMN "chainHash" TEXT;
ALTER TABLE "ReadinessSnapshot" ADD COLUMN "chainSeq" INTEGER;

-- AlterTable
ALTER TABLE "ExportRun" ADD COLUMN "chainHash" TEXT;
ALTER TABLE "ExportRun" ADD COLUMN "chainSeq" INTEGER;

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "userAgent" TEXT,
    "address" TEXT,
    "twoFactorAt" DATETIME,
    CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "issuedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PasswordResetToken_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityCheckpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "exportRunId" TEXT,
    "signature" TEXT,
    "keyId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ActivityCheckpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "activitySeq" INTEGER NOT NULL DEFAULT 0,
    "freshnessDays" INTEGER NOT NULL DEFAULT 365,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("activitySeq", "createdAt", "freshnessDays", "id", "name", "slug", "updatedAt") SELECT "activitySeq", "createdAt", "freshnessDays", "id", "name", "slug", "updatedAt" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
CREATE TABLE "new_Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("createdAt", "id", "organizationId", "role", "updatedAt", "userId") SELECT "createdAt", "id", "organizationId", "role", "updatedAt", "userId" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");
CREATE UNIQUE INDEX "Membership_organizationId_userId_key" ON "Membership"("organizationId", "userId");
CREATE TABLE "new_ControlObjective" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "retiredAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ControlObjective_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ControlObjective" ("area", "createdAt", "id", "objective", "organizationId", "ref", "retiredAt", "sortOrder", "title", "updatedAt") SELECT "area", "createdAt", "id", "objective", "organizationId", "ref", "retiredAt", "sortOrder", "title", "updatedAt" FROM "ControlObjective";
DROP TABLE "ControlObjective";
ALTER TABLE "new_ControlObjective" RENAME TO "ControlObjective";
CREATE INDEX "ControlObjective_organizationId_sortOrder_idx" ON "ControlObjective"("organizationId", "sortOrder");
CREATE UNIQUE INDEX "ControlObjective_organizationId_ref_key" ON "ControlObjective"("organizationId", "ref");
CREATE TABLE "new_Engagement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "asOfDate" TEXT,
    "periodStart" TEXT,
    "periodEnd" TEXT,
    "categories" TEXT NOT NULL,
    "criteriaEdition" TEXT NOT NULL,
    "cuecs" TEXT NOT NULL,
    "userResponsibilities" TEXT NOT NULL,
    "subservices" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Engagement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Engagement" ("archivedAt", "asOfDate", "categories", "createdAt", "criteriaEdition", "cuecs", "family", "id", "name", "organizationId", "periodEnd", "periodStart", "subservices", "type", "updatedAt", "userResponsibilities") SELECT "archivedAt", "asOfDate", "categories", "createdAt", "criteriaEdition", "cuecs", "family", "id", "name", "organizationId", "periodEnd", "periodStart", "subservices", "type", "updatedAt", "userResponsibilities" FROM "Engagement";
DROP TABLE "Engagement";
ALTER TABLE "new_Engagement" RENAME TO "Engagement";
CREATE INDEX "Engagement_organizationId_archivedAt_idx" ON "Engagement"("organizationId", "archivedAt");
CREATE TABLE "new_Control" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT,
    "status" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "nature" TEXT NOT NULL,
    "key" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Control_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Control_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Control" ("createdAt", "description", "frequency", "id", "key", "nature", "organizationId", "ownerId", "ref", "searchText", "status", "title", "updatedAt") SELECT "createdAt", "description", "frequency", "id", "key", "nature", "organizationId", "ownerId", "ref", "searchText", "status", "title", "updatedAt" FROM "Control";
DROP TABLE "Control";
ALTER TABLE "new_Control" RENAME TO "Control";
CREATE INDEX "Control_organizationId_status_idx" ON "Control"("organizationId", "status");
CREATE INDEX "Control_organizationId_ownerId_idx" ON "Control"("organizationId", "ownerId");
CREATE INDEX "Control_organizationId_frequency_idx" ON "Control"("organizationId", "frequency");
CREATE UNIQUE INDEX "Control_organizationId_ref_key" ON "Control"("organizationId", "ref");
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "note" TEXT,
    "url" TEXT,
    "fileId" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "effectiveDate" TEXT NOT NULL,
    "coverageEnd" TEXT,
    "eventId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "PopulationEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Evidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("contentType", "coverageEnd", "createdAt", "effectiveDate", "eventId", "fileId", "fileName", "id", "kind", "note", "organizationId", "purpose", "title", "uploadedById", "url") SELECT "contentType", "coverageEnd", "createdAt", "effectiveDate", "eventId", "fileId", "fileName", "id", "kind", "note", "organizationId", "purpose", "title", "uploadedById", "url" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE INDEX "Evidence_organizationId_effectiveDate_idx" ON "Evidence"("organizationId", "effectiveDate");
CREATE INDEX "Evidence_eventId_idx" ON "Evidence"("eventId");
CREATE INDEX "Evidence_fileId_idx" ON "Evidence"("fileId");
CREATE TABLE "new_ControlException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "remediationNote" TEXT,
    "remediatedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ControlException_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ControlException_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ControlException" ("controlId", "createdAt", "date", "description", "id", "organizationId", "remediatedAt", "remediationNote", "severity", "status") SELECT "controlId", "createdAt", "date", "description", "id", "organizationId", "remediatedAt", "remediationNote", "severity", "status" FROM "ControlException";
DROP TABLE "ControlException";
ALTER TABLE "new_ControlException" RENAME TO "ControlException";
CREATE INDEX "ControlException_organizationId_status_idx" ON "ControlException"("organizationId", "status");
CREATE INDEX "ControlException_controlId_idx" ON "ControlException"("controlId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuthSession_userId_revokedAt_idx" ON "AuthSession"("userId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_idx" ON "PasswordResetToken"("userId");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE INDEX "ActivityCheckpoint_organizationId_seq_idx" ON "ActivityCheckpoint"("organizationId", "seq");

-- CreateIndex
CREATE INDEX "ActivityCheckpoint_organizationId_createdAt_idx" ON "ActivityCheckpoint"("organizationId", "createdAt");

