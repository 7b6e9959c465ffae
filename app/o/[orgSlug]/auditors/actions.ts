"use server";

import { revalidatePath } from "next/cache";
import { extendAuditorAccess, inviteAuditor, revokeAuditorAccess } from "@/lib/db/auditor-access";
import {
  AuditorAccessIdInput,
  ExtendAuditorAccessInput,
  InviteAuditorInput,
} from "@/lib/schemas/auditor";
import { orgAction } from "@/lib/server/action";
import { sendMail } from "@/lib/server/mailer";
import { appOrigin } from "@/lib/server/origin";

export const inviteAuditorAction = orgAction(InviteAuditorInput, async (ctx, input) => {
  const invitation = await inviteAuditor(ctx, input);
  const link = `${await appOrigin()}/invite/${invitation.token}`;
  const emailed = await sendMail({
    to: invitation.email,
    subject: `${ctx.orgName} gives you auditor access on Assay`,
    text: [
      `${ctx.orgName} invites you to review ${invitation.engagementNames.join(", ")} on Assay, read-only, until ${invitation.lastDay}.`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
    ].join("\n"),
  });
  revalidatePath(`/o/${ctx.orgSlug}/auditors`);
  return { link, email: invitation.email, emailed, expiresAt: invitation.expiresAt.toISOString() };
});

export const revokeAuditorAccessAction = orgAction(
  AuditorAccessIdInput,
  async (ctx, { accessId }) => {
    await revokeAuditorAccess(ctx, accessId);
    revalidatePath(`/o/${ctx.orgSlug}/auditors`);
    return null;
  },
);

export const extendAuditorAccessAction = orgAction(
  ExtendAuditorAccessInput,
  async (ctx, { accessId, lastDay }) => {
    await extendAuditorAccess(ctx, accessId, lastDay);
    revalidatePath(`/o/${ctx.orgSlug}/auditors`);
    return null;
  },
);
