import "server-only";
import { getDb } from "@/lib/db/client";
import { maintainReadiness } from "@/lib/db/maintained-readiness";
import { localTime } from "@/lib/domain/job-schedule";
import type { JobDefinition } from "./definition";

// The maintained readiness rolled forward once the organisation's day changes (docs/decisions/
// 0043): one run per organisation and local day, which recomputes every engagement whose rows
// are for an earlier day. Until it has run, readers compute those engagements live, so the
// figures never show yesterday's answer.

export const READINESS_JOB = "readiness-roll-forward";

const LEASE_MS = 15 * 60_000;
/** A large organisation's engagements are recomputed in one transaction. */
const TRANSACTION_MS = 5 * 60_000;

export const readinessJob: JobDefinition = {
  name: READINESS_JOB,
  leaseMs: LEASE_MS,
  due: async ({ now, organizations }) =>
    organizations.map((organization) => {
      const day = localTime(organization.timeZone, now).date;
      return {
        runKey: `readiness:${organization.id}:${day}`,
        organizationId: organization.id,
        perform: () =>
          getDb().$transaction(
            (tx) => maintainReadiness(tx, organization.id, { now, rollForward: true }),
            { timeout: TRANSACTION_MS, maxWait: TRANSACTION_MS },
          ),
      };
    }),
};
