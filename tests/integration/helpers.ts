import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { acceptInvitation, createInvitation } from "@/lib/db/invitations";
import { createOrganization, resolveOrgContext } from "@/lib/db/organizations";
import type { JsonValue } from "@/lib/domain/canonical-json";
import type { MemberRole } from "@/lib/domain/permissions";
import { AppError, type ErrorCode } from "@/lib/errors";

// Tiny builders over the real data layer: organisations, invitations and memberships are made
// the way the app makes them.

export const TEST_PASSWORD = "correct horse battery staple";

let counter = 0;
function nextId(): string {
  counter += 1;
  return `${counter}-${randomBytes(3).toString("hex")}`;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${nextId()}@example.test`;
}

// Users are inserted directly with one shared hash: argon2 takes ~100 ms per hash here.
// users.test.ts covers createUser itself.
let testPasswordHash: Promise<string> | undefined;

/** A user who signs in with TEST_PASSWORD. */
export async function makeUser(overrides: { email?: string } = {}): Promise<UserContext> {
  const email = overrides.email ?? uniqueEmail();
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const user = await getDb().user.create({
    data: { email, name: `User ${email.split("@")[0]}`, passwordHash: await testPasswordHash },
    select: { id: true, email: true, name: true },
  });
  return { userId: user.id, email: user.email, name: user.name };
}

/** A new organisation owned by `owner` (a new user when omitted), seen as that owner. */
export async function makeOrg(owner?: UserContext, name = `Org ${nextId()}`): Promise<OrgContext> {
  const creator = owner ?? (await makeUser());
  const { slug } = await createOrganization(creator, { name });
  const ctx = await resolveOrgContext(creator.userId, slug);
  if (!ctx) throw new Error(`makeOrg: ${creator.email} is not a member of ${slug}`);
  return ctx;
}

type Member = { user: UserContext; ctx: OrgContext; membershipId: string };

/** Adds a new user with `role` the way the app does: invitation by `ctx`, then acceptance. */
export async function addMember(ctx: OrgContext, role: MemberRole): Promise<Member> {
  const user = await makeUser();
  const invitation = await createInvitation(ctx, { email: user.email, role });
  await acceptInvitation(user, invitation.token);
  const memberCtx = await resolveOrgContext(user.userId, ctx.orgSlug);
  if (!memberCtx) throw new Error(`addMember: ${user.email} did not join ${ctx.orgSlug}`);
  const membership = await getDb().membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId: ctx.orgId, userId: user.userId } },
    select: { id: true },
  });
  return { user, ctx: memberCtx, membershipId: membership.id };
}

export type Entry = {
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue;
  after: JsonValue;
};

const parse = (text: string | null): JsonValue => (text === null ? null : (JSON.parse(text) as JsonValue));

/** The organisation's activity log, oldest first, with before/after parsed. */
export async function entries(orgId: string): Promise<Entry[]> {
  const rows = await getDb().activityLogEntry.findMany({
    where: { organizationId: orgId },
    orderBy: { seq: "asc" },
    select: { seq: true, actorId: true, action: true, entityType: true, entityId: true, before: true, after: true },
  });
  return rows.map((row) => ({ ...row, before: parse(row.before), after: parse(row.after) }));
}

/** Awaits `promise`, expecting it to reject with an AppError of `code`; returns that error. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<AppError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome, `expected an AppError ${code}`).toBeInstanceOf(AppError);
  const error = outcome as AppError;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  return error;
}
