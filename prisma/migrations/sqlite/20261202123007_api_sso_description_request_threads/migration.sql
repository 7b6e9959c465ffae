-- AlterTable
ALTER TABLE "ActivityLogEntry" ADD COLUMN "apiTokenId" TEXT;

-- AlterTable
ALTER TABLE "AuditorRequestEvidence" ADD COLUMN "messageId" TEXT;

-- AlterTable
ALTER TABLE "ExportRun" ADD COLUMN "descriptionVersions" TEXT;

-- CreateTable
CREATE TABLE "AuditorRequestMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditorRequestMessage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AuditorRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequestMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditorRequestTarget" (
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "kind", "targetId"),
    CONSTRAINT "AuditorRequestTarget_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AuditorRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestListImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sheetName" TEXT,
    "headerRow" INTEGER NOT NULL,
    "headers" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestListImport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RequestListImport_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DescriptionSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "stateChangedById" TEXT,
    "stateChangedAt" DATETIME,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DescriptionSection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DescriptionSection_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DescriptionSection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DescriptionSectionVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sectionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "savedById" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DescriptionSectionVersion_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DescriptionSection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DescriptionSectionVersion_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DescriptionSectionEvidence" (
    "sectionId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("sectionId", "evidenceId"),
    CONSTRAINT "DescriptionSectionEvidence_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DescriptionSection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DescriptionSectionEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaperworkDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PaperworkDraft_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaperworkDraft_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaperworkDraftVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "savedById" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PaperworkDraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PaperworkDraft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaperworkDraftVersion_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "engagementIds" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "lastUsedAddress" TEXT,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    CONSTRAINT "ApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiIdempotencyKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiIdempotencyKey_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OidcIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME,
    CONSTRAINT "OidcIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OidcLoginAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stateHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "callbackUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
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
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "defaultGraceDays" INTEGER NOT NULL DEFAULT 0,
    "ssoDomain" TEXT,
    "ssoJoinRole" TEXT,
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organization" ("activitySeq", "createdAt", "defaultGraceDays", "freshnessDays", "id", "name", "requireTwoFactor", "slug", "timeZone", "updatedAt", "version") SELECT "activitySeq", "createdAt", "defaultGraceDays", "freshnessDays", "id", "name", "requireTwoFactor", "slug", "timeZone", "updatedAt", "version" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
CREATE UNIQUE INDEX "Organization_ssoDomain_key" ON "Organization"("ssoDomain");
CREATE TABLE "new_AuditorRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "requirementId" TEXT,
    "controlId" TEXT,
    "sectionId" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "externalId" TEXT,
    "dueDate" TEXT,
    "assigneeId" TEXT,
    "importId" TEXT,
    "importRow" TEXT,
    "importRowNumber" INTEGER,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "closedById" TEXT,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AuditorRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditorRequest_importId_fkey" FOREIGN KEY ("importId") REFERENCES "RequestListImport" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditorRequest" ("answer", "body", "closedAt", "closedById", "controlId", "createdAt", "createdById", "engagementId", "id", "organizationId", "requirementId", "status") SELECT "answer", "body", "closedAt", "closedById", "controlId", "createdAt", "createdById", "engagementId", "id", "organizationId", "requirementId", "status" FROM "AuditorRequest";
DROP TABLE "AuditorRequest";
ALTER TABLE "new_AuditorRequest" RENAME TO "AuditorRequest";
CREATE INDEX "AuditorRequest_organizationId_engagementId_status_idx" ON "AuditorRequest"("organizationId", "engagementId", "status");
CREATE INDEX "AuditorRequest_organizationId_assigneeId_status_idx" ON "AuditorRequest"("organizationId", "assigneeId", "status");
CREATE UNIQUE INDEX "AuditorRequest_engagementId_externalId_key" ON "AuditorRequest"("engagementId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditorRequestMessage_requestId_createdAt_idx" ON "AuditorRequestMessage"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditorRequestTarget_targetId_idx" ON "AuditorRequestTarget"("targetId");

-- CreateIndex
CREATE INDEX "RequestListImport_organizationId_engagementId_createdAt_idx" ON "RequestListImport"("organizationId", "engagementId", "createdAt");

-- CreateIndex
CREATE INDEX "DescriptionSection_engagementId_idx" ON "DescriptionSection"("engagementId");

-- CreateIndex
CREATE UNIQUE INDEX "DescriptionSection_organizationId_scopeKey_key_key" ON "DescriptionSection"("organizationId", "scopeKey", "key");

-- CreateIndex
CREATE UNIQUE INDEX "DescriptionSectionVersion_sectionId_number_key" ON "DescriptionSectionVersion"("sectionId", "number");

-- CreateIndex
CREATE INDEX "DescriptionSectionEvidence_evidenceId_idx" ON "DescriptionSectionEvidence"("evidenceId");

-- CreateIndex
CREATE INDEX "PaperworkDraft_organizationId_idx" ON "PaperworkDraft"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PaperworkDraft_engagementId_kind_key" ON "PaperworkDraft"("engagementId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PaperworkDraftVersion_draftId_number_key" ON "PaperworkDraftVersion"("draftId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organizationId_revokedAt_idx" ON "ApiToken"("organizationId", "revokedAt");

-- CreateIndex
CREATE INDEX "ApiIdempotencyKey_createdAt_idx" ON "ApiIdempotencyKey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiIdempotencyKey_tokenId_key_key" ON "ApiIdempotencyKey"("tokenId", "key");

-- CreateIndex
CREATE INDEX "OidcIdentity_userId_idx" ON "OidcIdentity"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OidcIdentity_issuer_subject_key" ON "OidcIdentity"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "OidcLoginAttempt_stateHash_key" ON "OidcLoginAttempt"("stateHash");

-- CreateIndex
CREATE INDEX "OidcLoginAttempt_expiresAt_idx" ON "OidcLoginAttempt"("expiresAt");

