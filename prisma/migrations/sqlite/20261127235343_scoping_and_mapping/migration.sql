-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "edition" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ControlObjective" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ControlObjective_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Engagement" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Engagement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EngagementObjective" (
    "engagementId" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,

    PRIMARY KEY ("engagementId", "objectiveId"),
    CONSTRAINT "EngagementObjective_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EngagementObjective_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "ControlObjective" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequirementExclusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "engagementId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequirementExclusion_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Control" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Control_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Control_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ControlMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "criterionId" TEXT,
    "objectiveId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ControlMapping_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ControlMapping_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ControlMapping_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ControlMapping_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "ControlObjective" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_edition_code_key" ON "Criterion"("edition", "code");

-- CreateIndex
CREATE INDEX "ControlObjective_organizationId_sortOrder_idx" ON "ControlObjective"("organizationId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "ControlObjective_organizationId_ref_key" ON "ControlObjective"("organizationId", "ref");

-- CreateIndex
CREATE INDEX "Engagement_organizationId_archivedAt_idx" ON "Engagement"("organizationId", "archivedAt");

-- CreateIndex
CREATE INDEX "EngagementObjective_objectiveId_idx" ON "EngagementObjective"("objectiveId");

-- CreateIndex
CREATE UNIQUE INDEX "RequirementExclusion_engagementId_requirementId_key" ON "RequirementExclusion"("engagementId", "requirementId");

-- CreateIndex
CREATE INDEX "Control_organizationId_status_idx" ON "Control"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Control_organizationId_ownerId_idx" ON "Control"("organizationId", "ownerId");

-- CreateIndex
CREATE INDEX "Control_organizationId_frequency_idx" ON "Control"("organizationId", "frequency");

-- CreateIndex
CREATE UNIQUE INDEX "Control_organizationId_ref_key" ON "Control"("organizationId", "ref");

-- CreateIndex
CREATE INDEX "ControlMapping_organizationId_criterionId_idx" ON "ControlMapping"("organizationId", "criterionId");

-- CreateIndex
CREATE INDEX "ControlMapping_organizationId_objectiveId_idx" ON "ControlMapping"("organizationId", "objectiveId");

-- CreateIndex
CREATE UNIQUE INDEX "ControlMapping_controlId_criterionId_key" ON "ControlMapping"("controlId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "ControlMapping_controlId_objectiveId_key" ON "ControlMapping"("controlId", "objectiveId");

