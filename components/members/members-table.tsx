import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
import type { MembersPage } from "@/lib/db/members-page";
import { ResetLinkButton } from "./reset-link-button";
import { RoleForm } from "./role-form";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

type Props = {
  page: MembersPage;
  changeRole: React.ComponentProps<typeof RoleForm>["action"];
  issueResetLink: React.ComponentProps<typeof ResetLinkButton>["action"];
  remove: FormAction<unknown>;
};

export function MembersTable({ page, changeRole, issueResetLink, remove }: Props) {
  const { orgSlug, permissions } = page;
  return (
    <Table aria-label="Members">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Joined</Th>
          {permissions.manage ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {page.members.map((member) => (
          <tr key={member.membershipId}>
            <Td className="font-medium">
              {member.name}
              {member.isYou ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
            </Td>
            <Td>{member.email}</Td>
            <Td>
              {member.roleChoices.length > 1 ? (
                <RoleForm
                  orgSlug={orgSlug}
                  membershipId={member.membershipId}
                  memberName={member.name}
                  role={member.role}
                  version={member.version}
                  roles={member.roleChoices}
                  action={changeRole}
                />
              ) : (
                <Badge tone={member.role === "owner" ? "brand" : "neutral"}>{member.role}</Badge>
              )}
            </Td>
            <Td>{dateFormat.format(member.joinedAt)}</Td>
            {permissions.manage ? (
              <Td className="text-right">
                {member.canResetPassword ? (
                  <ResetLinkButton
                    orgSlug={orgSlug}
                    membershipId={member.membershipId}
                    memberName={member.name}
                    action={issueResetLink}
                  />
                ) : null}
                {member.canRemove ? (
                  <ConfirmAction
                    triggerLabel="Remove"
                    triggerAriaLabel={`Remove ${member.name}`}
                    title={`Remove ${member.name}?`}
                    description={`${member.name} will lose access to this organisation immediately. Their past activity stays in the log.`}
                    confirmLabel="Remove member"
                    action={remove}
                    fields={{
                      orgSlug,
                      membershipId: member.membershipId,
                      version: String(member.version),
                    }}
                  />
                ) : null}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

type InvitationsProps = { page: MembersPage; revoke: FormAction<unknown> };

export function PendingInvitations({ page, revoke }: InvitationsProps) {
  return (
    <section className="mt-8" aria-labelledby="pending-invitations">
      <h2 id="pending-invitations" className="mb-3 text-lg font-semibold">
        Pending invitations
      </h2>
      {page.invitations.length === 0 ? (
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
            {page.invitations.map((invitation) => (
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
                    action={revoke}
                    fields={{ orgSlug: page.orgSlug, invitationId: invitation.id }}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
