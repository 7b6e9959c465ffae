import { getDb } from "../lib/db/client";
import { changeMemberRole } from "../lib/db/members";
import { createOrganization, resolveOrgContext } from "../lib/db/organizations";
import { createInvitation, acceptInvitation } from "../lib/db/invitations";
import { ensureCatalog } from "../lib/db/catalog";
import { bulkUpdateControls } from "../lib/db/controls";
import { createEngagement, markNotApplicable } from "../lib/db/engagements";
import { adoptStarterObjectives } from "../lib/db/objectives";
import { adoptStarterControls } from "../lib/db/starter-controls";
import { createUser } from "../lib/db/users";
import {
  CURRENT_CRITERIA_EDITION,
  criterionId,
  SOC1_STARTER_OBJECTIVES,
} from "../lib/domain/catalog";
import { STARTER_CONTROLS } from "../lib/domain/starter-controls";
import type { OrgContext } from "../lib/db/context";
import { isoDateOf } from "../lib/domain/dates";
import { DEFAULT_TIME_ZONE, todayIn } from "../lib/domain/time-zone";
import { seedEvidence } from "./seed-evidence";
import { seedTrend } from "./seed-trend";
import { inviteAuditor } from "../lib/db/auditor-access";
import { createAuditorRequest } from "../lib/db/auditor-requests";
import { addDays } from "../lib/domain/readiness/calendar";

// The demo organisation seeded on first start. Idempotent: does nothing when the demo owner
// already exists. Later features add their demo content here.

export const DEMO_PASSWORD = "assay-demo-password";
export const DEMO_USERS = {
  owner: { name: "Dana Owner", email: "demo@assay.local" },
  viewer: { name: "Vic Viewer", email: "viewer@assay.local" },
  auditor: { name: "Avery Auditor", email: "auditor@assay.local" },
} as const;
export const DEMO_ORG_NAME = "Northwind Payments";

export async function seedDemo(
  // The demo organisation keeps the default time zone; "today" is the date there.
  today: string = todayIn(DEFAULT_TIME_ZONE, new Date()),
): Promise<{ created: boolean; orgSlug: string | null }> {
  const db = getDb();
  if (
    await db.user.findUnique({ where: { email: DEMO_USERS.owner.email }, select: { id: true } })
  ) {
    return { created: false, orgSlug: null };
  }
  const owner = await createUser({ ...DEMO_USERS.owner, password: DEMO_PASSWORD });
  const viewer = await createUser({ ...DEMO_USERS.viewer, password: DEMO_PASSWORD });
  const { slug } = await createOrganization(owner, { name: DEMO_ORG_NAME });
  const ctx = await resolveOrgContext(owner.userId, slug);
  if (!ctx) throw new Error("seed: the demo owner is not a member of the demo organisation");
  const invitation = await createInvitation(ctx, { email: viewer.email, role: "editor" });
  await acceptInvitation(viewer, invitation.token);
  const viewerMembership = await db.membership.findFirstOrThrow({
    where: { organizationId: ctx.orgId, userId: viewer.userId },
  });
  await changeMemberRole(ctx, viewerMembership.id, "viewer", viewerMembership.version);
  const period = demoPeriod(today);
  const soc2Id = await seedScoping(ctx, period, today);
  await seedEvidence(ctx, period, today);
  await seedAuditor(ctx, soc2Id, today);
  const engagements = await db.engagement.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true },
  });
  for (const engagement of engagements) await seedTrend(ctx, engagement.id, today);
  return { created: true, orgSlug: slug };
}

// Controls left out of the demo so the gap view has something to show.
const NOT_ADOPTED = new Set([
  "PRIV-01",
  "PRIV-02",
  "PRIV-03",
  "DATA-06",
  "BCK-03",
  "PHY-01",
  "OPS-04",
]);

/** A twelve-month Type II period that started nine months before `today`: mid-period. */
function demoPeriod(today: string): { start: string; end: string } {
  const [year = 2026, month = 1] = today.split("-").map(Number);
  const start = new Date(Date.UTC(year, month - 1 - 9, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), 0));
  return { start: isoDateOf(start), end: isoDateOf(end) };
}

/** An outside auditor with 90 days of access to the SOC 2 engagement only, who has asked for something. */
async function seedAuditor(ctx: OrgContext, engagementId: string, today: string): Promise<void> {
  const auditor = await createUser({ ...DEMO_USERS.auditor, password: DEMO_PASSWORD });
  const invitation = await inviteAuditor(ctx, {
    email: auditor.email,
    engagementIds: [engagementId],
    lastDay: addDays(today, 90),
  });
  await acceptInvitation(auditor, invitation.token);
  const auditorCtx = await resolveOrgContext(auditor.userId, ctx.orgSlug);
  if (!auditorCtx) throw new Error("seed: the demo auditor has no access");
  await createAuditorRequest(auditorCtx, {
    engagementId,
    requirementId: criterionId(CURRENT_CRITERIA_EDITION, "CC6.2"),
    body: "Please provide the user access request tickets for two new joiners this quarter, with their approvals.",
  });
}

async function seedScoping(
  ctx: OrgContext,
  period: { start: string; end: string },
  today: string,
): Promise<string> {
  await ensureCatalog();
  await adoptStarterObjectives(
    ctx,
    SOC1_STARTER_OBJECTIVES.map((objective) => objective.ref),
  );
  const refs = STARTER_CONTROLS.map((control) => control.ref).filter(
    (ref) => !NOT_ADOPTED.has(ref),
  );
  await adoptStarterControls(ctx, refs);
  const db = getDb();
  const controls = await db.control.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true, ref: true, version: true },
    orderBy: { ref: "asc" },
  });
  const ready = controls
    .filter((_, index) => index % 4 !== 3)
    .map((control) => ({ id: control.id, version: control.version }));
  await bulkUpdateControls(ctx, { controls: ready, ownerId: ctx.userId, status: "implemented" });

  const soc2 = await createEngagement(ctx, {
    name: `SOC 2 Type II ${period.start.slice(0, 4)}–${period.end.slice(0, 4)}`,
    family: "SOC2",
    type: "TYPE_II",
    periodStart: period.start,
    periodEnd: period.end,
    categories: ["security", "availability", "confidentiality", "processing_integrity"],
    objectiveIds: [],
    cuecs: [
      "Clients review the access of their own users to the platform every quarter.",
      "Clients notify Northwind of staff leavers within one business day.",
    ],
    userResponsibilities: ["Clients keep their API credentials confidential."],
    subservices: [
      {
        name: "CloudCo hosting",
        services: "Infrastructure hosting and physical data-centre security",
        method: "carve_out",
        csocs: ["CloudCo restricts physical access to its data centres to authorised staff."],
      },
    ],
  });
  await markNotApplicable(
    ctx,
    soc2.id,
    criterionId(CURRENT_CRITERIA_EDITION, "C1.2"),
    "Northwind keeps client data for the life of the contract and returns it at exit; disposal is performed by the client.",
  );

  const objectives = await db.controlObjective.findMany({
    where: { organizationId: ctx.orgId, ref: { in: SOC1_STARTER_OBJECTIVES.map((o) => o.ref) } },
    select: { id: true },
  });
  await createEngagement(ctx, {
    name: `ISAE 3402 Type I as of ${monthEndBefore(today)}`,
    family: "ISAE3402",
    type: "TYPE_I",
    asOfDate: monthEndBefore(today),
    categories: [],
    objectiveIds: objectives.map((objective) => objective.id),
    cuecs: ["Clients approve payment batches before the cut-off time."],
    userResponsibilities: [],
    subservices: [],
  });
  return soc2.id;
}

/** The last day of the month before `today`. */
function monthEndBefore(today: string): string {
  const [year = 2026, month = 1] = today.split("-").map(Number);
  return isoDateOf(new Date(Date.UTC(year, month - 1, 0)));
}

export function signInHelp(): string {
  return [
    "Sign in to the demo organisation with:",
    `  owner:  ${DEMO_USERS.owner.email} / ${DEMO_PASSWORD}`,
    `  viewer: ${DEMO_USERS.viewer.email} / ${DEMO_PASSWORD}`,
    `  auditor (SOC 2 engagement only, read-only): ${DEMO_USERS.auditor.email} / ${DEMO_PASSWORD}`,
  ].join("\n");
}
