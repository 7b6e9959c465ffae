import "server-only";
import { can } from "@/lib/domain/permissions";
import { addDays } from "@/lib/domain/readiness/calendar";
import { notFound } from "@/lib/errors";
import {
  listAuditorActivity,
  listAuditors,
  type AuditorActivityRow,
  type AuditorInvitationRow,
  type AuditorRow,
} from "./auditor-access";
import type { OrgContext } from "./context";
import { listEngagements } from "./engagements";

// Everything the auditors page shows, in one call: who has (had) access to which engagement,
// the invitations still waiting, the engagements an invitation may name and what auditors opened.

export type AuditorsPage = {
  orgSlug: string;
  auditors: AuditorRow[];
  /** Invitations not yet accepted, revoked or expired. */
  pending: AuditorInvitationRow[];
  engagements: { id: string; name: string }[];
  activity: AuditorActivityRow[];
  /** The last day an invitation offers by default: 90 days from `today`. */
  defaultLastDay: string;
};

/** Someone without auditor.manage gets NOT_FOUND: the page does not exist for them. */
export async function loadAuditorsPage(ctx: OrgContext, today: string): Promise<AuditorsPage> {
  if (!can(ctx.role, "auditor.manage")) throw notFound();
  const [{ auditors, invitations }, engagements, activity] = await Promise.all([
    listAuditors(ctx),
    listEngagements(ctx),
    listAuditorActivity(ctx),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    auditors,
    pending: invitations.filter((invitation) => invitation.state === "pending"),
    engagements: engagements.map(({ id, name }) => ({ id, name })),
    activity,
    defaultLastDay: addDays(today, 90),
  };
}
