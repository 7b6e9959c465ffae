import "server-only";
import type { Db } from "@/lib/db/client";

/** An organisation as the scheduler sees it: enough to know its clock and name its runs. */
export type JobOrganization = { id: string; slug: string; name: string; timeZone: string };

/** One run due now: claimed under (job name, runKey), then performed once. */
export type DueRun = {
  runKey: string;
  /** The organisation whose admins see this run; null for work across organisations. */
  organizationId: string | null;
  perform: () => Promise<void>;
};

export type DueContext = { db: Db; now: Date; organizations: readonly JobOrganization[] };

export type JobDefinition = {
  name: string;
  /** How long a runner holds a claimed run before another may take it over. */
  leaseMs: number;
  due: (context: DueContext) => Promise<DueRun[]>;
};

/** A failure whose message is written for the organisation's admins (shown on the jobs page). */
export class JobFailure extends Error {}
