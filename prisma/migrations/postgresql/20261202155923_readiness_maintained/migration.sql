-- AlterTable
ALTER TABLE "Engagement" ADD COLUMN     "readinessDay" TEXT;

-- CreateTable
CREATE TABLE "MaintainedReadiness" (
    "engagementId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "result" TEXT NOT NULL,

    CONSTRAINT "MaintainedReadiness_pkey" PRIMARY KEY ("engagementId","controlId")
);

-- CreateTable
CREATE TABLE "ReadinessDirty" (
    "controlId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    CONSTRAINT "ReadinessDirty_pkey" PRIMARY KEY ("controlId")
);

-- CreateIndex
CREATE INDEX "MaintainedReadiness_organizationId_idx" ON "MaintainedReadiness"("organizationId");

-- CreateIndex
CREATE INDEX "ReadinessDirty_organizationId_idx" ON "ReadinessDirty"("organizationId");

-- AddForeignKey
ALTER TABLE "MaintainedReadiness" ADD CONSTRAINT "MaintainedReadiness_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Triggers (hand-written, docs/decisions/0043): every change that can alter a control's
-- readiness marks the control in "ReadinessDirty"; a change of an engagement's dates, type or
-- scope, or of the organisation's freshness or time zone, clears "readinessDay".
CREATE FUNCTION "readiness_mark_row_control"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "ReadinessDirty" ("controlId", "organizationId")
      VALUES (OLD."controlId", OLD."organizationId") ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "ReadinessDirty" ("controlId", "organizationId")
      VALUES (NEW."controlId", NEW."organizationId") ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "readiness_mark_control"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "ReadinessDirty" ("controlId", "organizationId")
      VALUES (OLD."id", OLD."organizationId") ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "ReadinessDirty" ("controlId", "organizationId")
      VALUES (NEW."id", NEW."organizationId") ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "readiness_mark_evidence"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadinessDirty" ("controlId", "organizationId")
    SELECT "controlId", "organizationId" FROM "EvidenceControl" WHERE "evidenceId" = OLD."id"
    ON CONFLICT DO NOTHING;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "readiness_engagement_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."family", OLD."type", OLD."asOfDate", OLD."periodStart", OLD."periodEnd", OLD."categories", OLD."criteriaEdition", OLD."archivedAt")
     IS DISTINCT FROM
     (NEW."family", NEW."type", NEW."asOfDate", NEW."periodStart", NEW."periodEnd", NEW."categories", NEW."criteriaEdition", NEW."archivedAt") THEN
    NEW."readinessDay" := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION "readiness_scope_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Engagement" SET "readinessDay" = NULL
    WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."engagementId" ELSE NEW."engagementId" END;
  RETURN NULL;
END $$;

CREATE FUNCTION "readiness_settings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."freshnessDays" IS DISTINCT FROM NEW."freshnessDays" OR OLD."timeZone" IS DISTINCT FROM NEW."timeZone" THEN
    UPDATE "Engagement" SET "readinessDay" = NULL WHERE "organizationId" = NEW."id";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "readiness_control" AFTER INSERT OR UPDATE OR DELETE ON "Control"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_control"();
CREATE TRIGGER "readiness_link" AFTER INSERT OR UPDATE OR DELETE ON "EvidenceControl"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_row_control"();
CREATE TRIGGER "readiness_mapping" AFTER INSERT OR UPDATE OR DELETE ON "ControlMapping"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_row_control"();
CREATE TRIGGER "readiness_exception" AFTER INSERT OR UPDATE OR DELETE ON "ControlException"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_row_control"();
CREATE TRIGGER "readiness_event" AFTER INSERT OR UPDATE OR DELETE ON "PopulationEvent"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_row_control"();
CREATE TRIGGER "readiness_evidence_update" AFTER UPDATE ON "Evidence"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_evidence"();
CREATE TRIGGER "readiness_evidence_delete" BEFORE DELETE ON "Evidence"
  FOR EACH ROW EXECUTE FUNCTION "readiness_mark_evidence"();
CREATE TRIGGER "readiness_engagement" BEFORE UPDATE ON "Engagement"
  FOR EACH ROW EXECUTE FUNCTION "readiness_engagement_changed"();
CREATE TRIGGER "readiness_scope" AFTER INSERT OR DELETE ON "EngagementObjective"
  FOR EACH ROW EXECUTE FUNCTION "readiness_scope_changed"();
CREATE TRIGGER "readiness_settings" AFTER UPDATE ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION "readiness_settings_changed"();
