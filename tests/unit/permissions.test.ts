import { describe, expect, it } from "vitest";
import {
  MEMBER_ROLES,
  PERMISSIONS,
  ROLES,
  assignableRoles,
  can,
  canAssignRole,
  canIssuePasswordReset,
  canRemoveMember,
  isRole,
  type MemberRole,
  type Permission,
  type Role,
} from "@/lib/domain/permissions";

// The expected tables are written out by hand on purpose: editing the table in the code
// without editing it here must fail a test. "x" = allowed, "." = refused.

// One row per permission, one column per role: owner, admin, editor, viewer, auditor.
const GRANTED: Record<Permission, string> = {
  "org.view": "xxxxx",
  "org.update": "xx...",
  "member.view": "xxxx.",
  "member.invite": "xx...",
  "member.manage": "xx...",
  "owner.manage": "x....",
  "activity.view": "xx...",
  "engagement.manage": "xx...",
  "objective.manage": "xxx..",
  "control.edit": "xxx..",
  "evidence.edit": "xxx..",
  "library.view": "xxxx.",
  "export.create": "xxxxx",
  "auditor.manage": "xx...",
  "request.create": "....x",
  "request.resolve": "xxx..",
};

// For each actor: one row per current role of the target (`null` = a new invitation), one
// character per new role, in MEMBER_ROLES order: owner, admin, editor, viewer.
type CurrentKey = "invite" | MemberRole;
const ASSIGN: Record<Role, Record<CurrentKey, string>> = {
  owner: { invite: "xxxx", owner: "xxxx", admin: "xxxx", editor: "xxxx", viewer: "xxxx" },
  admin: { invite: ".xxx", owner: "....", admin: ".xxx", editor: ".xxx", viewer: ".xxx" },
  editor: { invite: "....", owner: "....", admin: "....", editor: "....", viewer: "...." },
  viewer: { invite: "....", owner: "....", admin: "....", editor: "....", viewer: "...." },
  auditor: { invite: "....", owner: "....", admin: "....", editor: "....", viewer: "...." },
};

// actor → target role, in ROLES order: owner, admin, editor, viewer, auditor.
const REMOVE: Record<Role, string> = {
  owner: "xxxxx",
  admin: ".xxxx",
  editor: ".....",
  viewer: ".....",
  auditor: ".....",
};

describe("the role and permission lists", () => {
  it("are exactly the ones the tables below describe", () => {
    expect(ROLES).toEqual(["owner", "admin", "editor", "viewer", "auditor"]);
    expect(MEMBER_ROLES).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(PERMISSIONS).toEqual([
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
    ]);
  });
});

describe("can", () => {
  const cells = ROLES.flatMap((role, column) =>
    PERMISSIONS.map((permission) => [role, permission, column] as const),
  );

  it("covers every role × permission pair, with one column per role in the table", () => {
    expect(cells).toHaveLength(5 * 16);
    for (const permission of PERMISSIONS)
      expect(GRANTED[permission], permission).toMatch(/^[x.]{5}$/);
  });

  it.each(cells)("%s / %s matches the table", (role, permission, column) => {
    expect(can(role, permission)).toBe(GRANTED[permission].charAt(column) === "x");
  });
});

describe("canAssignRole", () => {
  const currents: readonly (MemberRole | null)[] = [null, ...MEMBER_ROLES];
  const cells = ROLES.flatMap((actor) =>
    currents.flatMap((current) =>
      MEMBER_ROLES.map((next, column) => [actor, current, next, column] as const),
    ),
  );

  it("covers every actor × current role (or invitation) × new role", () => {
    expect(cells).toHaveLength(5 * 5 * 4);
  });

  it.each(cells)(
    "%s giving a %s member the role %s matches the table",
    (actor, current, next, column) => {
      const expected = ASSIGN[actor][current ?? "invite"].charAt(column) === "x";
      expect(canAssignRole(actor, current, next)).toBe(expected);
    },
  );

  it("lets an admin manage non-owners but never touch an owner", () => {
    expect(canAssignRole("admin", "viewer", "admin")).toBe(true);
    expect(canAssignRole("admin", "viewer", "owner")).toBe(false);
    expect(canAssignRole("admin", "owner", "viewer")).toBe(false);
    expect(canAssignRole("admin", null, "owner")).toBe(false);
  });

  it("treats an existing auditor like any non-owner member", () => {
    // Auditor access is not granted from the members page, but an existing auditor is not an
    // owner, so whoever may manage members may change it.
    expect(canAssignRole("admin", "auditor", "viewer")).toBe(true);
    expect(canAssignRole("editor", "auditor", "viewer")).toBe(false);
  });
});

describe("canRemoveMember", () => {
  const cells = ROLES.flatMap((actor) =>
    ROLES.map((target, column) => [actor, target, column] as const),
  );

  it.each(cells)("%s removing a %s matches the table", (actor, target, column) => {
    expect(canRemoveMember(actor, target)).toBe(REMOVE[actor].charAt(column) === "x");
  });
});

// actor → target role, in ROLES order: owner, admin, editor, viewer, auditor.
const ISSUE_RESET: Record<Role, string> = {
  owner: ".xxxx",
  admin: ".....",
  editor: ".....",
  viewer: ".....",
  auditor: ".....",
};

describe("canIssuePasswordReset", () => {
  const cells = ROLES.flatMap((actor) =>
    ROLES.map((target, column) => [actor, target, column] as const),
  );

  it.each(cells)("%s issuing a reset link for a %s matches the table", (actor, target, column) => {
    expect(canIssuePasswordReset(actor, target)).toBe(ISSUE_RESET[actor].charAt(column) === "x");
  });
});

describe("assignableRoles", () => {
  it.each([
    ["owner", ["owner", "admin", "editor", "viewer"]],
    ["admin", ["admin", "editor", "viewer"]],
    ["editor", []],
    ["viewer", []],
    ["auditor", []],
  ] as const)("offers %s the roles %j, in order", (actor, expected) => {
    expect(assignableRoles(actor)).toEqual(expected);
  });
});

describe("isRole", () => {
  it.each(ROLES)("accepts %s", (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each([
    "",
    "Owner",
    "OWNER",
    " owner",
    "owner ",
    "superadmin",
    "member",
    "constructor",
    "__proto__",
    "toString",
  ])("rejects %j", (value) => {
    expect(isRole(value)).toBe(false);
  });
});
