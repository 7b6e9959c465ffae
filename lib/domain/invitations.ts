export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 86_400_000;

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

export type InvitationDates = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

export function invitationExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITATION_TTL_DAYS * DAY_MS);
}

export function invitationState(invitation: InvitationDates, now: Date): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
