-- CreateIndex
CREATE INDEX "ActivityLogEntry_organizationId_action_createdAt_idx" ON "ActivityLogEntry"("organizationId", "action", "createdAt");

