import "server-only";
import {
  MEMBER_ROLES,
  assignableRoles,
  can,
  canAssignRole,
  canIssuePasswordReset,
  canRemoveMember,
  type MemberRole,
  type Role,
} from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { listInvitations, type InvitationRow } from "./invitations";
import { listMembers, type MemberRow } from "./members";

// Everything the members page shows, in one call: the members with what the viewer may do to
// each, and for those who may invite, the roles they can give and the pending invitations.

type MemberLine = MemberRow & {
  isYou: boolean;
  /** The roles the role picker offers (the current one first among them); one means no picker. */
  roleChoices: MemberRole[];
  canResetPassword: boolean;
  canRemove: boolean;
};

export type MembersPage = {
  orgSlug: string;
  members: MemberLine[];
  invitations: InvitationRow[];
  permissions: { invite: boolean; manage: boolean };
  /** The roles an invitation may carry (empty without member.invite). */
  inviteRoles: MemberRole[];
};

/** Someone without member.view gets NOT_FOUND: the page does not exist for them. */
export async function loadMembersPage(ctx: OrgContext): Promise<MembersPage> {
  if (!can(ctx.role, "member.view")) throw notFound();
  const permissions = {
    invite: can(ctx.role, "member.invite"),
    manage: can(ctx.role, "member.manage"),
  };
  const [members, invitations] = await Promise.all([
    listMembers(ctx),
    permissions.invite ? listInvitations(ctx) : Promise.resolve([]),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    members: members.map((member) => ({
      ...member,
      isYou: member.userId === ctx.userId,
      roleChoices: roleChoices(ctx.role, member.role),
      canResetPassword:
        permissions.manage &&
        canIssuePasswordReset(ctx.role, member.role) &&
        member.userId !== ctx.userId,
      canRemove: canRemoveMember(ctx.role, member.role),
    })),
    invitations,
    permissions,
    inviteRoles: permissions.invite ? assignableRoles(ctx.role) : [],
  };
}

function roleChoices(actor: Role, current: Role): MemberRole[] {
  return MEMBER_ROLES.filter((role) => role === current || canAssignRole(actor, current, role));
}
