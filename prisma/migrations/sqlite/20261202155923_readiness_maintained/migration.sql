-- AlterTable
ALTER TABLE "Engagement" ADD COLUMN "readinessDay" TEXT;

-- CreateTable
CREATE TABLE "MaintainedReadiness" (
    "engagementId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "result" TEXT NOT NULL,

    PRIMARY KEY ("engagementId", "controlId"),
    CONSTRAINT "MaintainedReadiness_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReadinessDirty" (
    "controlId" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "MaintainedReadiness_organizationId_idx" ON "MaintainedReadiness"("organizationId");

-- CreateIndex
CREATE INDEX "ReadinessDirty_organizationId_idx" ON "ReadinessDirty"("organizationId");


-- Triggers (hand-written, docs/decisions/0043): every change that can alter a control's
-- readiness marks the control in "ReadinessDirty"; a change of an engagement's dates, type or
-- scope, or of the organisation's freshness or time zone, clears "readinessDay".
CREATE TRIGGER "readiness_control_insert" AFTER INSERT ON "Control" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."id", NEW."organizationId");
END;
CREATE TRIGGER "readiness_control_update" AFTER UPDATE ON "Control" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."id", NEW."organizationId");
END;
CREATE TRIGGER "readiness_control_delete" AFTER DELETE ON "Control" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."id", OLD."organizationId");
END;
CREATE TRIGGER "readiness_link_insert" AFTER INSERT ON "EvidenceControl" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_link_update" AFTER UPDATE ON "EvidenceControl" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_link_delete" AFTER DELETE ON "EvidenceControl" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
END;
CREATE TRIGGER "readiness_evidence_update" AFTER UPDATE ON "Evidence" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId")
    SELECT "controlId", "organizationId" FROM "EvidenceControl" WHERE "evidenceId" = NEW."id";
END;
CREATE TRIGGER "readiness_evidence_delete" BEFORE DELETE ON "Evidence" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId")
    SELECT "controlId", "organizationId" FROM "EvidenceControl" WHERE "evidenceId" = OLD."id";
END;
CREATE TRIGGER "readiness_mapping_insert" AFTER INSERT ON "ControlMapping" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_mapping_update" AFTER UPDATE ON "ControlMapping" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_mapping_delete" AFTER DELETE ON "ControlMapping" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
END;
CREATE TRIGGER "readiness_exception_insert" AFTER INSERT ON "ControlException" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_exception_update" AFTER UPDATE ON "ControlException" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_exception_delete" AFTER DELETE ON "ControlException" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
END;
CREATE TRIGGER "readiness_event_insert" AFTER INSERT ON "PopulationEvent" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_event_update" AFTER UPDATE ON "PopulationEvent" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (NEW."controlId", NEW."organizationId");
END;
CREATE TRIGGER "readiness_event_delete" AFTER DELETE ON "PopulationEvent" BEGIN
  INSERT OR IGNORE INTO "ReadinessDirty" ("controlId", "organizationId") VALUES (OLD."controlId", OLD."organizationId");
END;
CREATE TRIGGER "readiness_engagement_update" AFTER UPDATE OF "family", "type", "asOfDate", "periodStart", "periodEnd", "categories", "criteriaEdition", "archivedAt" ON "Engagement" BEGIN
  UPDATE "Engagement" SET "readinessDay" = NULL WHERE "id" = NEW."id";
END;
CREATE TRIGGER "readiness_scope_insert" AFTER INSERT ON "EngagementObjective" BEGIN
  UPDATE "Engagement" SET "readinessDay" = NULL WHERE "id" = NEW."engagementId";
END;
CREATE TRIGGER "readiness_scope_delete" AFTER DELETE ON "EngagementObjective" BEGIN
  UPDATE "Engagement" SET "readinessDay" = NULL WHERE "id" = OLD."engagementId";
END;
CREATE TRIGGER "readiness_settings_update" AFTER UPDATE OF "freshnessDays", "timeZone" ON "Organization"
  WHEN OLD."freshnessDays" IS NOT NEW."freshnessDays" OR OLD."timeZone" IS NOT NEW."timeZone" BEGIN
  UPDATE "Engagement" SET "readinessDay" = NULL WHERE "organizationId" = NEW."id";
END;
