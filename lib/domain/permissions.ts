// Who may do what, as data. The server enforces these; the UI uses the same table to hide
// controls a role cannot use. Tests cover every role × every permission.

export const ROLES = ["owner", "admin", "editor", "viewer", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** Roles a team member can be given from the members page (auditor access has its own flow). */
export const MEMBER_ROLES = [
  "owner",
  "admin",
  "editor",
  "viewer",
] as const satisfies readonly Role[];
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const PERMISSIONS = [
  "org.view",
  "org.update",
  "member.view",
  "member.invite",
  "member.manage",
  "owner.manage",
  "activity.view",
  "engagement.manage",
  "objective.manage",
  "control.edit",
  "evidence.edit",
  "library.view",
  "export.create",
  "auditor.manage",
  "request.create",
  "request.resolve",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everything but handing the organisation's ownership around. */
const ADMIN_PERMISSIONS: readonly Permission[] = [
  "org.view",
  "org.update",
  "member.view",
  "member.invite",
  "member.manage",
  "activity.view",
  "engagement.manage",
  "objective.manage",
  "control.edit",
  "evidence.edit",
  "library.view",
  "export.create",
  "auditor.manage",
  "request.resolve",
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: [...ADMIN_PERMISSIONS, "owner.manage"],
  admin: ADMIN_PERMISSIONS,
  editor: [
    "org.view",
    "member.view",
    "objective.manage",
    "control.edit",
    "evidence.edit",
    "library.view",
    "export.create",
    "request.resolve",
  ],
  viewer: ["org.view", "member.view", "library.view", "export.create"],
  // Outside auditors: read-only, and only the engagements they were given (OrgContext.engagementIds).
  auditor: ["org.view", "export.create", "request.create"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Whether `actor` may give `newRole` to a member currently holding `currentRole`
 * (`currentRole` null means a new invitation). Only holders of `owner.manage` may grant the
 * owner role or change an existing owner.
 */
export function canAssignRole(actor: Role, currentRole: Role | null, newRole: Role): boolean {
  if (!can(actor, currentRole === null ? "member.invite" : "member.manage")) return false;
  const touchesOwner = newRole === "owner" || currentRole === "owner";
  return !touchesOwner || can(actor, "owner.manage");
}

/** Whether `actor` may remove a member holding `targetRole`. */
export function canRemoveMember(actor: Role, targetRole: Role): boolean {
  if (!can(actor, "member.manage")) return false;
  return targetRole !== "owner" || can(actor, "owner.manage");
}

/**
 * Whether `actor` may issue a password reset link for a member holding `targetRole`: owners,
 * for anyone but another owner (who could then act as a co-owner). The data layer also requires
 * the member to belong to no other organisation, whose data the link would open too.
 */
export function canIssuePasswordReset(actor: Role, targetRole: Role): boolean {
  return can(actor, "owner.manage") && targetRole !== "owner";
}

/** Roles `actor` may offer in an invitation or role change. */
export function assignableRoles(actor: Role): MemberRole[] {
  return MEMBER_ROLES.filter((role) => canAssignRole(actor, null, role));
}
