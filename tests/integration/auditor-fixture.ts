import { inviteAuditor } from "@/lib/db/auditor-access";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { acceptInvitation } from "@/lib/db/invitations";
import { setControlMappings } from "@/lib/db/mappings";
import { resolveOrgContext } from "@/lib/db/organizations";
import { isoDateOf } from "@/lib/domain/dates";
import {
  addMember,
  criterion,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
  makeUser,
} from "./helpers";

// One organisation seen by an outside auditor, shared by auditor-access.test.ts and
// auditor-requests.test.ts:
//   engagement A: SOC 1, objective OA only      → controls "A" (OA) and "both" (OA + CC6.1)
//   engagement B: SOC 2, security criteria     → controls "B" (CC6.1) and "both"
// The auditor is given engagement A only, so sees controls A and both, never control B.

const DAY_MS = 86_400_000;

/** The calendar day `days` after `from` (UTC), as forms send it. */
export const dayAfter = (days: number, from: Date = new Date()): string =>
  isoDateOf(new Date(from.getTime() + days * DAY_MS));

type Member = Awaited<ReturnType<typeof addMember>>;
type Auditor = { user: UserContext; ctx: OrgContext; invitationId: string };

/**
 * Invites a new user as an auditor of `engagementIds` until `lastDay` (30 days from now unless
 * given), the way the auditors page does, accepts as them and returns their context.
 */
export async function makeAuditor(
  team: OrgContext,
  engagementIds: string[],
  lastDay = dayAfter(30),
  now?: Date,
): Promise<Auditor> {
  const user = await makeUser();
  const invitation = await inviteAuditor(team, { email: user.email, engagementIds, lastDay }, now);
  await acceptInvitation(user, invitation.token, now);
  const ctx = await resolveOrgContext(user.userId, team.orgSlug, now);
  if (!ctx) throw new Error(`makeAuditor: ${user.email} has no access to ${team.orgSlug}`);
  return { user, ctx, invitationId: invitation.id };
}

/** The AuditorAccess row of `userId` for one engagement. */
export async function grantOf(
  userId: string,
  engagementId: string,
): Promise<{ id: string; expiresAt: Date; revokedAt: Date | null }> {
  return getDb().auditorAccess.findUniqueOrThrow({
    where: { userId_engagementId: { userId, engagementId } },
    select: { id: true, expiresAt: true, revokedAt: true },
  });
}

type AuditedOrg = {
  owner: UserContext;
  team: OrgContext;
  editor: Member;
  viewer: Member;
  engagementA: { id: string; name: string };
  engagementB: { id: string; name: string };
  objectiveA: { id: string; ref: string };
  /** An objective of the organisation that no engagement of the auditor uses. */
  objectiveB: { id: string; ref: string };
  /** The criterion engagement B needs and engagement A does not have. */
  criterionB: string;
  controlA: { id: string; ref: string };
  controlB: { id: string; ref: string };
  controlBoth: { id: string; ref: string };
  auditor: Auditor;
};

export async function makeAuditedOrg(): Promise<AuditedOrg> {
  const owner = await makeUser();
  const team = await makeOrg(owner);
  const editor = await addMember(team, "editor");
  const viewer = await addMember(team, "viewer");
  const objectiveA = await makeObjective(team, {
    ref: "OA-1",
    title: "Payroll is processed accurately",
  });
  const objectiveB = await makeObjective(team, {
    ref: "OB-1",
    title: "Secret merger project objective",
  });
  const engagementA = await makeEngagement(team, {
    name: "SOC 1 Type II 2026",
    family: "SOC1",
    objectiveIds: [objectiveA.id],
  });
  const engagementB = await makeEngagement(team, {
    name: "SOC 2 Type II 2026 for the secret customer",
  });
  const criterionB = criterion("CC6.1");
  const controlA = await makeControl(team, {
    ref: "PAY-01",
    title: "Payroll reconciliation",
    frequency: "event_driven",
    status: "implemented",
  });
  const controlB = await makeControl(team, {
    ref: "SEC-01",
    title: "Firewall review",
    frequency: "event_driven",
    status: "implemented",
  });
  const controlBoth = await makeControl(team, {
    ref: "ACC-01",
    title: "Access review",
    status: "implemented",
  });
  await setControlMappings(team, controlA.id, [], [objectiveA.id]);
  await setControlMappings(team, controlB.id, [criterionB], []);
  await setControlMappings(team, controlBoth.id, [criterionB], [objectiveA.id]);
  const auditor = await makeAuditor(team, [engagementA.id]);
  return {
    owner,
    team,
    editor,
    viewer,
    engagementA,
    engagementB,
    objectiveA,
    objectiveB,
    criterionB,
    controlA,
    controlB,
    controlBoth,
    auditor,
  };
}
