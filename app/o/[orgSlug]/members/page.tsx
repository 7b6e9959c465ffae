import type { Metadata } from "next";
import { InviteForm } from "@/components/members/invite-form";
import { ResetLinkButton } from "@/components/members/reset-link-button";
import { RoleForm } from "@/components/members/role-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { listInvitations } from "@/lib/db/invitations";
import { listMembers } from "@/lib/db/members";
import {
  MEMBER_ROLES,
  assignableRoles,
  can,
  canAssignRole,
  canIssuePasswordReset,
  canRemoveMember,
} from "@/lib/domain/permissions";
import {
  changeRoleAction,
  inviteMemberAction,
  issueResetLinkAction,
  removeMemberAction,
  revokeInvitationAction,
} from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ orgSlug: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "member.view");
  const canInvite = can(ctx.role, "member.invite");
  const [members, invitations] = await Promise.all([
    listMembers(ctx),
    canInvite ? listInvitations(ctx) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone who can sign in to this organisation, and what they may do."
      />
      {canInvite ? (
        <Card className="mb-6">
          <CardTitle>Invite a teammate</CardTitle>
          <CardDescription className="mb-4">
            They receive a single-use link that expires after 7 days.
          </CardDescription>
          <InviteForm
            orgSlug={ctx.orgSlug}
            roles={assignableRoles(ctx.role)}
            action={inviteMemberAction}
          />
        </Card>
      ) : null}

      <Table aria-label="Members">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Joined</Th>
            {can(ctx.role, "member.manage") ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const roles = MEMBER_ROLES.filter(
              (role) => role === member.role || canAssignRole(ctx.role, member.role, role),
            );
            return (
              <tr key={member.membershipId}>
                <Td className="font-medium">
                  {member.name}
                  {member.userId === ctx.userId ? (
                    <span className="ml-2 text-xs text-slate-500">(you)</span>
                  ) : null}
                </Td>
                <Td>{member.email}</Td>
                <Td>
                  {roles.length > 1 ? (
                    <RoleForm
                      orgSlug={ctx.orgSlug}
                      membershipId={member.membershipId}
                      memberName={member.name}
                      role={member.role}
                      version={member.version}
                      roles={roles}
                      action={changeRoleAction}
                    />
                  ) : (
                    <Badge tone={member.role === "owner" ? "brand" : "neutral"}>
                      {member.role}
                    </Badge>
                  )}
                </Td>
                <Td>{dateFormat.format(member.joinedAt)}</Td>
                {can(ctx.role, "member.manage") ? (
                  <Td className="text-right">
                    {canIssuePasswordReset(ctx.role, member.role) &&
                    member.userId !== ctx.userId ? (
                      <ResetLinkButton
                        orgSlug={ctx.orgSlug}
                        membershipId={member.membershipId}
                        memberName={member.name}
                        action={issueResetLinkAction}
                      />
                    ) : null}
                    {canRemoveMember(ctx.role, member.role) ? (
                      <ConfirmAction
                        triggerLabel="Remove"
                        triggerAriaLabel={`Remove ${member.name}`}
                        title={`Remove ${member.name}?`}
                        description={`${member.name} will lose access to this organisation immediately. Their past activity stays in the log.`}
                        confirmLabel="Remove member"
                        action={removeMemberAction}
                        fields={{
                          orgSlug: ctx.orgSlug,
                          membershipId: member.membershipId,
                          version: String(member.version),
                        }}
                      />
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>

      {canInvite ? (
        <section className="mt-8" aria-labelledby="pending-invitations">
          <h2 id="pending-invitations" className="mb-3 text-lg font-semibold">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="text-sm text-slate-600">No pending invitations. Invite someone above.</p>
          ) : (
            <Table aria-label="Pending invitations">
              <thead>
                <tr>
                  <Th>Email</Th>
                  <Th>Role</Th>
                  <Th>Invited by</Th>
                  <Th>Expires</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <Td>{invitation.email}</Td>
                    <Td>{invitation.role}</Td>
                    <Td>{invitation.invitedBy}</Td>
                    <Td>
                      {invitation.state === "expired" ? (
                        <Badge tone="warning">expired</Badge>
                      ) : (
                        dateFormat.format(invitation.expiresAt)
                      )}
                    </Td>
                    <Td className="text-right">
                      <ConfirmAction
                        triggerLabel="Revoke"
                        triggerAriaLabel={`Revoke invitation for ${invitation.email}`}
                        title="Revoke this invitation?"
                        description={`The link sent to ${invitation.email} will stop working.`}
                        confirmLabel="Revoke invitation"
                        action={revokeInvitationAction}
                        fields={{ orgSlug: ctx.orgSlug, invitationId: invitation.id }}
                      />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      ) : null}
    </>
  );
}
