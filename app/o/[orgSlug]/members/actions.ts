"use server";

import { revalidatePath } from "next/cache";
import { createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { issueMemberResetLink } from "@/lib/db/member-reset";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { IssueResetLinkInput } from "@/lib/schemas/account";
import {
  ChangeRoleInput,
  CreateInvitationInput,
  RemoveMemberInput,
  RevokeInvitationInput,
} from "@/lib/schemas/organization";
import { orgAction } from "@/lib/server/action";
import { sendMail } from "@/lib/server/mailer";
import { appOrigin } from "@/lib/server/origin";

export const inviteMemberAction = orgAction(CreateInvitationInput, async (ctx, input) => {
  const invitation = await createInvitation(ctx, input);
  const link = `${await appOrigin()}/invite/${invitation.token}`;
  const emailed = await sendMail({
    to: invitation.email,
    subject: `You are invited to ${ctx.orgName} on Assay`,
    text: `You have been invited to join ${ctx.orgName} on Assay as ${invitation.role}.\n\nAccept the invitation: ${link}\n\nThe link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
  });
  revalidatePath(`/o/${ctx.orgSlug}/members`);
  return { link, email: invitation.email, emailed, expiresAt: invitation.expiresAt.toISOString() };
});

export const revokeInvitationAction = orgAction(
  RevokeInvitationInput,
  async (ctx, { invitationId }) => {
    await revokeInvitation(ctx, invitationId);
    revalidatePath(`/o/${ctx.orgSlug}/members`);
    return null;
  },
);

export const changeRoleAction = orgAction(
  ChangeRoleInput,
  async (ctx, { membershipId, role, version }) => {
    await changeMemberRole(ctx, membershipId, role, version);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);

export const removeMemberAction = orgAction(
  RemoveMemberInput,
  async (ctx, { membershipId, version }) => {
    await removeMember(ctx, membershipId, version);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);

// Shown once to the owner; not emailed (the owner hands it over), so the request's origin is fine.
export const issueResetLinkAction = orgAction(
  IssueResetLinkInput,
  async (ctx, { membershipId }) => {
    const reset = await issueMemberResetLink(ctx, membershipId);
    revalidatePath(`/o/${ctx.orgSlug}/activity`);
    return {
      link: `${await appOrigin()}/reset-password/${reset.token}`,
      expiresAt: reset.expiresAt.toISOString(),
    };
  },
);
