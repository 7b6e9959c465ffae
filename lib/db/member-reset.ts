import "server-only";
import { canIssuePasswordReset, isRole } from "@/lib/domain/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { issuePasswordReset, type IssuedReset } from "./password-reset";

/**
 * An owner issues a one-hour reset link for a member who cannot get one by email (no SMTP, or
 * no access to the mailbox). The link is returned once, for the owner to hand over; the
 * activity log records who issued it for whom. Never for another owner, and never for someone
 * who also belongs to another organisation: whoever holds the link can sign in as the member.
 */
export async function issueMemberResetLink(
  ctx: OrgContext,
  membershipId: string,
  now: Date = new Date(),
): Promise<IssuedReset & { email: string }> {
  assertCan(ctx, "owner.manage");
  return getDb().$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: ctx.orgId },
      select: {
        id: true,
        role: true,
        userId: true,
        user: { select: { email: true, _count: { select: { memberships: true } } } },
      },
    });
    if (!membership || !isRole(membership.role)) throw notFound();
    if (membership.userId === ctx.userId)
      throw new AppError("CONFLICT", "Change your own password on your Security page.");
    if (!canIssuePasswordReset(ctx.role, membership.role))
      throw forbidden(
        "Owners cannot reset another owner's password. They can reset it by email, or the server's operator can.",
      );
    if (membership.user._count.memberships > 1) {
      throw new AppError(
        "CONFLICT",
        "This member also belongs to another organisation, so only they (by email) or the server's operator can reset their password.",
      );
    }
    const reset = await issuePasswordReset(membership.userId, now, ctx.userId, tx);
    await recordActivity(
      tx,
      ctx,
      {
        action: "member.password_reset_link_issued",
        entityType: "membership",
        entityId: membership.id,
        after: { userId: membership.userId, expiresAt: reset.expiresAt.toISOString() },
      },
      now,
    );
    return { ...reset, email: membership.user.email };
  });
}
