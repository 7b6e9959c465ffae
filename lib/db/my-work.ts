import "server-only";
import { can } from "@/lib/domain/permissions";
import type { WorkItem } from "@/lib/domain/readiness/work-queue";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { Prisma } from "./generated/sqlite/client";
import type { EngagementHeader } from "./org-readiness";
import { orgReadinessSummary } from "./org-readiness-summary";

// My work (issue 13, section 2): for the member asking, across the engagements, the work on the
// controls they own: what is missing, what comes due soon, design evidence about to expire, the
// other blockers, and the auditors' open requests on those controls. One query set per call
// (orgReadinessSummary, and two for the requests), whatever the number of engagements and
// controls. The navigation's count reads less (myWorkCount in my-work-count.ts).

export type MyWorkItem = WorkItem & { engagement: Pick<EngagementHeader, "id" | "name"> };

export type MyRequest = {
  id: string;
  body: string;
  createdAt: Date;
  engagement: { id: string; name: string };
  control: { id: string; ref: string; title: string };
};

export type MyWorkCounts = {
  missing: number;
  dueSoon: number;
  expiring: number;
  blockers: number;
  requests: number;
  total: number;
};

/** My work lists at most this many open requests, the oldest first. */
export const MY_REQUESTS_LIMIT = 500;

/** The member's active controls, the ones My work is about: a subquery of their ids. */
export function myActiveControls(ctx: OrgContext): Prisma.Sql {
  return Prisma.sql`SELECT "id" FROM "Control" WHERE "organizationId" = ${ctx.orgId} AND "ownerId" = ${ctx.userId} AND "status" <> 'retired'`;
}

/** The open auditor requests on the member's active controls (a raw query's FROM and WHERE). */
export function myOpenRequests(ctx: OrgContext): Prisma.Sql {
  return Prisma.sql`FROM "AuditorRequest" WHERE "organizationId" = ${ctx.orgId} AND "status" = 'open' AND "controlId" IN (${myActiveControls(ctx)})`;
}

async function openRequestsOnMyControls(ctx: OrgContext) {
  const db = getDb();
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" ${myOpenRequests(ctx)} ORDER BY "createdAt" ASC LIMIT ${MY_REQUESTS_LIMIT}`;
  if (ids.length === 0) return [];
  return db.auditorRequest.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids.map((row) => row.id) } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      createdAt: true,
      controlId: true,
      engagement: { select: { id: true, name: true } },
    },
  });
}

export type MyWork = {
  /** How many active controls the member owns: zero means My work has nothing to show. */
  ownedControls: number;
  /** Whether the member may add evidence (the page's links to the forms). */
  canAddEvidence: boolean;
  missing: MyWorkItem[];
  dueSoon: MyWorkItem[];
  expiring: MyWorkItem[];
  /** Design blockers and open exceptions. */
  blockers: MyWorkItem[];
  requests: MyRequest[];
  counts: MyWorkCounts;
};

/**
 * The work of `ctx.userId` in the organisation as of `today` (the organisation's date). Used by
 * the My work page, the navigation's counts and the reminder digest.
 */
export async function loadMyWork(ctx: OrgContext, today: string): Promise<MyWork> {
  assertCan(ctx, "org.view");
  const [{ runs, controls }, openRequests] = await Promise.all([
    orgReadinessSummary(ctx, today, { kind: "owner", userId: ctx.userId }),
    openRequestsOnMyControls(ctx),
  ]);
  const mine = new Map(
    controls
      .filter((control) => control.status !== "retired")
      .map((control) => [control.id, control]),
  );
  const visible = new Set(runs.map((run) => run.engagement.id));
  const items = runs.flatMap((run) =>
    run.work
      .filter((item) => item.ownerId === ctx.userId)
      .map((item) => ({
        ...item,
        engagement: { id: run.engagement.id, name: run.engagement.name },
      })),
  );
  const requests = openRequests.flatMap((request) => {
    const control = request.controlId ? mine.get(request.controlId) : undefined;
    if (!control || !visible.has(request.engagement.id)) return [];
    return [
      {
        id: request.id,
        body: request.body,
        createdAt: request.createdAt,
        engagement: request.engagement,
        control: { id: control.id, ref: control.ref, title: control.title },
      },
    ];
  });
  const missing = items.filter((item) => item.kind === "missing");
  const dueSoon = items.filter((item) => item.kind === "due_soon");
  const expiring = items.filter((item) => item.kind === "expiring");
  const blockers = items.filter((item) => item.kind === "design" || item.kind === "exception");
  return {
    ownedControls: mine.size,
    canAddEvidence: can(ctx.role, "evidence.edit"),
    missing,
    dueSoon,
    expiring,
    blockers,
    requests,
    counts: {
      missing: missing.length,
      dueSoon: dueSoon.length,
      expiring: expiring.length,
      blockers: blockers.length,
      requests: requests.length,
      total: items.length + requests.length,
    },
  };
}
