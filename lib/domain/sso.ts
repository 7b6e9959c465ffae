// Single sign-on (OpenID Connect), the pure parts: which email domains an organisation may claim,
// what a verified callback leads to, and whether a password sign-in is allowed when an
// organisation requires SSO (docs/decisions/0041-single-sign-on.md).

import type { Role } from "./permissions";

/** The roles people of a claimed domain may join with on their first SSO sign-in. */
export const SSO_JOIN_ROLES = ["viewer", "editor"] as const;
export type SsoJoinRole = (typeof SSO_JOIN_ROLES)[number];

export const isSsoJoinRole = (value: unknown): value is SsoJoinRole =>
  typeof value === "string" && (SSO_JOIN_ROLES as readonly string[]).includes(value);

/** Mail services anyone can sign up with: claiming one would let strangers in. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "zoho.com",
  "fastmail.com",
  "tutanota.com",
  "hey.com",
  "qq.com",
  "163.com",
]);

const DOMAIN_MAX = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type DomainCheck = { ok: true; domain: string } | { ok: false; message: string };

/** A claimable email domain: a lower-case hostname with a dot, not a public mail service. */
export function checkSsoDomain(input: string): DomainCheck {
  const domain = input.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
  if (domain === "") return { ok: false, message: "Enter an email domain, such as example.com." };
  if (domain.length > DOMAIN_MAX)
    return { ok: false, message: `A domain has at most ${DOMAIN_MAX} characters.` };
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)))
    return {
      ok: false,
      message: "Enter a domain name such as example.com (letters, digits, hyphens and dots).",
    };
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ""))
    return { ok: false, message: "Enter a domain name, not an IP address." };
  if (PUBLIC_MAIL_DOMAINS.has(domain))
    return {
      ok: false,
      message: `${domain} is a public mail service: anyone can have an address there. Claim your company's own domain.`,
    };
  return { ok: true, domain };
}

/** The domain of an email address, lower case ("" when it has none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/** What the app knows when an identity provider's answer has passed every protocol check. */
export type SsoCallbackFacts = {
  emailVerified: boolean;
  email: string;
  /** The user an identity (issuer, subject) is already linked to. */
  identityUserId: string | null;
  /** The user whose account has this email. */
  emailUserId: string | null;
  /** The organisation that claimed the email's domain, if any. */
  domainOrg: { id: string; name: string; joinRole: string | null } | null;
};

export type SsoCallbackOutcome =
  | { kind: "sign_in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "create"; orgId: string; role: SsoJoinRole }
  | { kind: "refuse"; reason: SsoRefusal };

export type SsoRefusal = "email_unverified" | "no_account";

/** The sentence a refused SSO sign-in page shows. */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal | "state" | "provider" | "disabled", string> =
  {
    email_unverified:
      "Your identity provider did not confirm that your email address is verified, so it cannot be used to sign in here. Ask your administrator to verify it.",
    no_account:
      "There is no Assay account for this email address, and its domain does not let people join by single sign-on. Ask an owner of your organisation to invite you.",
    state: "This sign-in link has expired or was already used. Start again from the sign-in page.",
    provider:
      "The identity provider's answer could not be verified (wrong issuer, nonce or signature). Start again from the sign-in page; if it happens again, tell your administrator.",
    disabled: "Single sign-on is not configured on this server.",
  };

/**
 * What a verified callback does: a linked identity signs its user in; else an account with the
 * verified email is linked; else a claimed domain with a join role creates the user and their
 * membership; otherwise the sign-in is refused. An unverified email is never trusted, even for a
 * known identity (the provider may have let the address change).
 */
export function decideSsoCallback(facts: SsoCallbackFacts): SsoCallbackOutcome {
  if (!facts.emailVerified) return { kind: "refuse", reason: "email_unverified" };
  if (facts.identityUserId) return { kind: "sign_in", userId: facts.identityUserId };
  if (facts.emailUserId) return { kind: "link", userId: facts.emailUserId };
  const joinRole = facts.domainOrg?.joinRole;
  if (facts.domainOrg && isSsoJoinRole(joinRole))
    return { kind: "create", orgId: facts.domainOrg.id, role: joinRole };
  return { kind: "refuse", reason: "no_account" };
}

/** The error a password sign-in refused by "require SSO" ends with, then the organisation's name. */
export const SSO_REQUIRED_PREFIX = "SSO_REQUIRED:";

export function ssoRequiredMessage(orgName: string): string {
  return `${orgName} requires single sign-on: use the "Sign in with" button above instead of your password.`;
}

export type PasswordSignInPolicy =
  | { kind: "allow" }
  /** Owners of these organisations sign in anyway; each organisation's log says so. */
  | { kind: "break_glass"; orgIds: string[] }
  | { kind: "refuse"; orgName: string };

/**
 * A password sign-in by a member of organisations that require SSO: refused if they are anything
 * but owner in one of them; an owner of all of them signs in as break-glass (logged).
 */
export function passwordSignInPolicy(
  memberships: readonly { orgId: string; orgName: string; role: Role; requireSso: boolean }[],
): PasswordSignInPolicy {
  const requiring = memberships.filter((membership) => membership.requireSso);
  if (requiring.length === 0) return { kind: "allow" };
  const blocking = requiring.find((membership) => membership.role !== "owner");
  if (blocking) return { kind: "refuse", orgName: blocking.orgName };
  return { kind: "break_glass", orgIds: requiring.map((membership) => membership.orgId) };
}
