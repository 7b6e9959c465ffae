-- Requests are conversations now: open → answered (the team answers) → accepted (the auditor
-- accepts) or back to open. A request the team had closed was answered, not accepted: the
-- auditor has not said the answer is enough. Data only, no schema change.
UPDATE "AuditorRequest"
SET "status" = 'answered',
    "answeredAt" = "closedAt",
    "answeredById" = "closedById"
WHERE "status" = 'closed';
