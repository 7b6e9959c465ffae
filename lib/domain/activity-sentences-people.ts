// Sentences about people and access: the organisation, members, invitations, accounts, auditors.

import { count, ids, quote, text } from "./activity-changes";
import type { Sentences, Writer } from "./activity-writer";
import { plural } from "./plural";

const user = (w: Writer) => w.person(w.entityId);

export const PEOPLE_SENTENCES: Sentences = {
  "organization.created": (w) => [
    `${w.actor} created the organisation ${quote(text(w.after, "name") ?? "")}`,
  ],
  "organization.two_factor_requirement_changed": (w) => [
    w.after.requireTwoFactor === true
      ? `${w.actor} made two-factor sign-in required for every member`
      : `${w.actor} made two-factor sign-in optional`,
  ],
  "organization.sso_changed": (w) => [
    `${w.actor} changed single sign-on: domain ${text(w.after, "ssoDomain") ?? "none"}, joins as ${text(w.after, "ssoJoinRole") ?? "nobody"}, ${w.after.requireSso === true ? "SSO required" : "SSO optional"}`,
  ],
  "member.joined_by_sso": (w) => [
    `${w.person(text(w.after, "userId"))} joined as ${text(w.after, "role") ?? "member"} by signing in with SSO (${text(w.after, "domain") ?? "claimed domain"})`,
  ],
  "member.added": (w) => [
    `${w.actor} added ${w.person(text(w.after, "userId"))} as ${text(w.after, "role") ?? "member"}`,
  ],
  "member.role_changed": (w) => [
    `${w.actor} changed ${w.person(text(w.after, "userId"))}'s role from ${text(w.before, "role")} to ${text(w.after, "role")}`,
  ],
  "member.removed": (w) => [
    `${w.actor} removed ${w.person(text(w.before, "userId"))} (${text(w.before, "role") ?? "member"})`,
  ],
  "member.password_reset_link_issued": (w) => [
    `${w.actor} issued a password reset link for ${w.person(text(w.after, "userId"))}`,
  ],
  "member.calendar_feed_issued": (w) => [
    `${w.person(text(w.after, "userId"))} created a new calendar-feed address`,
  ],
  "member.calendar_feed_revoked": (w) => [
    `${w.person(text(w.after, "userId"))} turned their calendar feed off`,
  ],
  "invitation.created": (w) => [
    `${w.actor} invited ${text(w.after, "email")} as ${text(w.after, "role")}`,
  ],
  "invitation.revoked": (w) => [`${w.actor} revoked the invitation of ${text(w.before, "email")}`],
  "invitation.accepted": (w) => [
    `${w.actor} accepted the invitation sent to ${text(w.after, "email")}`,
  ],
  "user.password_changed": (w) => [`${user(w)} changed their password`],
  "user.password_reset": (w) => [
    text(w.after, "by")
      ? `The server operator reset ${user(w)}'s password`
      : `${user(w)} reset their password`,
  ],
  "user.password_reset_link_issued": (w) => [
    `The server operator issued a password reset link for ${user(w)}`,
  ],
  "user.signed_out_everywhere": (w) => [
    `${user(w)} signed out everywhere (${count(w.after, "sessions") ?? 0} sessions ended)`,
  ],
  "user.two_factor_enabled": (w) => [`${user(w)} turned on two-factor sign-in`],
  "user.two_factor_disabled": (w) => [`${user(w)} turned off two-factor sign-in`],
  "user.recovery_codes_replaced": (w) => [`${user(w)} replaced their two-factor recovery codes`],
  "user.two_factor_reset_by_operator": (w) => [
    `The server operator turned off two-factor sign-in for ${user(w)}`,
  ],
  "user.sso_linked": (w) => [
    `${user(w)}'s account was linked to single sign-on as ${text(w.after, "email") ?? "their email"}`,
  ],
  "user.break_glass_sign_in": (w) => [
    `${user(w)} signed in with a password (break-glass) although SSO is required`,
  ],
  "api_token.created": (w) => {
    const limit = ids(w.after, "engagementIds").length;
    const engagements = !Array.isArray(w.after.engagementIds)
      ? "every engagement"
      : limit === 1
        ? "1 engagement"
        : `${limit} engagements`;
    return [
      `${w.actor} created API token ${quote(text(w.after, "name") ?? "")} (${text(w.after, "role") ?? "viewer"}, ${engagements}, until ${text(w.after, "expiresAt")?.slice(0, 10) ?? "?"})`,
    ];
  },
  "api_token.revoked": (w) => [
    `${w.actor} revoked API token ${quote(text(w.after, "name") ?? "")}`,
  ],
  "auditor.invited": (w) => [
    `${w.actor} invited auditor ${text(w.after, "email")} to ${plural(ids(w.after, "engagementIds").length, "engagement")} until ${text(w.after, "lastDay")}`,
  ],
  "auditor.access_granted": (w) => [
    `${user(w)} was given auditor access until ${text(w.after, "expiresAt")?.slice(0, 10)}`,
  ],
  "auditor.access_revoked": (w) => [
    `${w.actor} revoked ${user(w)}'s auditor access to `,
    w.rec("engagement", text(w.before, "engagementId")),
  ],
  "auditor.access_extended": (w) => [
    `${w.actor} changed ${user(w)}'s auditor access to `,
    w.rec("engagement", text(w.after, "engagementId")),
    `: ${w.changes() || "no change"}`,
  ],
};
