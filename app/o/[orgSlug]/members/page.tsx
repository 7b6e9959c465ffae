import type { Metadata } from "next";
import { InviteForm } from "@/components/members/invite-form";
import { MembersTable, PendingInvitations } from "@/components/members/members-table";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadMembersPage } from "@/lib/db/members-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import {
  changeRoleAction,
  inviteMemberAction,
  issueResetLinkAction,
  removeMemberAction,
  revokeInvitationAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function MembersPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const page = await notFoundOnAppError(loadMembersPage(ctx));

  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone who can sign in to this organisation, and what they may do."
      />
      {page.permissions.invite ? (
        <Card className="mb-6">
          <CardTitle>Invite a teammate</CardTitle>
          <CardDescription className="mb-4">
            They receive a single-use link that expires after 7 days.
          </CardDescription>
          <InviteForm orgSlug={page.orgSlug} roles={page.inviteRoles} action={inviteMemberAction} />
        </Card>
      ) : null}
      <MembersTable
        page={page}
        changeRole={changeRoleAction}
        issueResetLink={issueResetLinkAction}
        remove={removeMemberAction}
      />
      {page.permissions.invite ? (
        <PendingInvitations page={page} revoke={revokeInvitationAction} />
      ) : null}
    </>
  );
}
