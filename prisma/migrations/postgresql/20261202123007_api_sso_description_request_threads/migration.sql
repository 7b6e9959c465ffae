-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "requireSso" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ssoDomain" TEXT,
ADD COLUMN     "ssoJoinRole" TEXT;

-- AlterTable
ALTER TABLE "ActivityLogEntry" ADD COLUMN     "apiTokenId" TEXT;

-- AlterTable
ALTER TABLE "AuditorRequest" ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "answeredById" TEXT,
ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "dueDate" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "importRow" TEXT,
ADD COLUMN     "importRowNumber" INTEGER,
ADD COLUMN     "sectionId" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AuditorRequestEvidence" ADD COLUMN     "messageId" TEXT;

-- AlterTable
ALTER TABLE "ExportRun" ADD COLUMN     "descriptionVersions" TEXT;

-- CreateTable
CREATE TABLE "AuditorRequestMessage" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditorRequestMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditorRequestTarget" (
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,

    CONSTRAINT "AuditorRequestTarget_pkey" PRIMARY KEY ("requestId","kind","targetId")
);

-- CreateTable
CREATE TABLE "RequestListImport" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestListImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DescriptionSection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "stateChangedById" TEXT,
    "stateChangedAt" TIMESTAMP(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DescriptionSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DescriptionSectionVersion" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "savedById" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DescriptionSectionVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DescriptionSectionEvidence" (
    "sectionId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "DescriptionSectionEvidence_pkey" PRIMARY KEY ("sectionId","evidenceId")
);

-- CreateTable
CREATE TABLE "PaperworkDraft" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaperworkDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperworkDraftVersion" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "savedById" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperworkDraftVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "engagementIds" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedAddress" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiIdempotencyKey" (
    "id" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiIdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "OidcIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcLoginAttempt" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "callbackUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "OidcLoginAttempt_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Organization_ssoDomain_key" ON "Organization"("ssoDomain");

-- CreateIndex
CREATE INDEX "AuditorRequest_organizationId_assigneeId_status_idx" ON "AuditorRequest"("organizationId", "assigneeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditorRequest_engagementId_externalId_key" ON "AuditorRequest"("engagementId", "externalId");

-- AddForeignKey
ALTER TABLE "AuditorRequest" ADD CONSTRAINT "AuditorRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditorRequest" ADD CONSTRAINT "AuditorRequest_importId_fkey" FOREIGN KEY ("importId") REFERENCES "RequestListImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditorRequestMessage" ADD CONSTRAINT "AuditorRequestMessage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AuditorRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditorRequestMessage" ADD CONSTRAINT "AuditorRequestMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditorRequestTarget" ADD CONSTRAINT "AuditorRequestTarget_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AuditorRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestListImport" ADD CONSTRAINT "RequestListImport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestListImport" ADD CONSTRAINT "RequestListImport_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSection" ADD CONSTRAINT "DescriptionSection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSection" ADD CONSTRAINT "DescriptionSection_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSection" ADD CONSTRAINT "DescriptionSection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSectionVersion" ADD CONSTRAINT "DescriptionSectionVersion_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DescriptionSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSectionVersion" ADD CONSTRAINT "DescriptionSectionVersion_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSectionEvidence" ADD CONSTRAINT "DescriptionSectionEvidence_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DescriptionSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DescriptionSectionEvidence" ADD CONSTRAINT "DescriptionSectionEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperworkDraft" ADD CONSTRAINT "PaperworkDraft_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperworkDraft" ADD CONSTRAINT "PaperworkDraft_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperworkDraftVersion" ADD CONSTRAINT "PaperworkDraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PaperworkDraft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperworkDraftVersion" ADD CONSTRAINT "PaperworkDraftVersion_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiIdempotencyKey" ADD CONSTRAINT "ApiIdempotencyKey_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OidcIdentity" ADD CONSTRAINT "OidcIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

