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
import { consoleGuard } from "./console-guarded";

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

const parse = (text: string | null): JsonValue =>
  text === null ? null : (JSON.parse(text) as JsonValue);

/** The organisation's activity log, oldest first, with before/after parsed. */
export async function entries(orgId: string): Promise<Entry[]> {
  const rows = await getDb().activityLogEntry.findMany({
    where: { organizationId: orgId },
    orderBy: { seq: "asc" },
    select: {
      seq: true,
      actorId: true,
      action: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
    },
  });
  return rows.map((row) => ({ ...row, before: parse(row.before), after: parse(row.after) }));
}

/** Awaits `promise`, expecting it to reject with an AppError of `code`; returns that error. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp,
): Promise<AppError> {
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

/**
 * Declares that the current test logs a console.error or console.warn matching `pattern` (the
 * integration setup fails a test on any other): the message is not printed.
 */
export function expectConsoleError(pattern: RegExp): void {
  consoleGuard.expect(pattern);
}

// ---------------------------------------------------------------------------------------------
// Scoping and control builders: objectives, engagements and controls made through the data
// layer, with inputs shaped the way the zod schemas hand them over.

import { verifyActivityLog } from "@/lib/db/activity";
import { createControl } from "@/lib/db/controls";
import { createEngagement } from "@/lib/db/engagements";
import { createObjective } from "@/lib/db/objectives";
import { CURRENT_CRITERIA_EDITION, criterionId } from "@/lib/domain/catalog";
import type { ControlInput } from "@/lib/schemas/control";
import type { EngagementInput } from "@/lib/schemas/engagement";
import type { ObjectiveInput } from "@/lib/schemas/objective";

/** The database id of a current-edition SOC 2 criterion, e.g. criterion("CC6.1"). */
export const criterion = (code: string): string => criterionId(CURRENT_CRITERIA_EDITION, code);

export function controlInput(overrides: Partial<ControlInput> = {}): ControlInput {
  const ref = overrides.ref ?? `C-${nextId()}`;
  return {
    ref,
    title: `Control ${ref}`,
    description: "",
    ownerId: null,
    status: "draft",
    frequency: "quarterly",
    nature: "manual",
    key: false,
    ...overrides,
  };
}

export async function makeControl(
  ctx: OrgContext,
  overrides: Partial<ControlInput> = {},
): Promise<{ id: string; ref: string }> {
  const input = controlInput(overrides);
  const { id } = await createControl(ctx, input);
  return { id, ref: input.ref };
}

export function objectiveInput(overrides: Partial<ObjectiveInput> = {}): ObjectiveInput {
  const ref = overrides.ref ?? `OBJ-${nextId()}`;
  return {
    ref,
    area: "business",
    title: `Objective ${ref}`,
    objective: `Transactions for ${ref} are processed completely and accurately.`,
    ...overrides,
  };
}

export async function makeObjective(
  ctx: OrgContext,
  overrides: Partial<ObjectiveInput> = {},
): Promise<{ id: string; ref: string }> {
  const input = objectiveInput(overrides);
  const { id } = await createObjective(ctx, input);
  return { id, ref: input.ref };
}

/** A SOC 2 Type II engagement for 2026 with only security in scope, unless overridden. */
export function engagementInput(overrides: Partial<EngagementInput> = {}): EngagementInput {
  return {
    name: `Engagement ${nextId()}`,
    family: "SOC2",
    type: "TYPE_II",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    categories: [],
    objectiveIds: [],
    cuecs: [],
    userResponsibilities: [],
    subservices: [],
    ...overrides,
  };
}

export async function makeEngagement(
  ctx: OrgContext,
  overrides: Partial<EngagementInput> = {},
): Promise<{ id: string; name: string }> {
  const input = engagementInput(overrides);
  const { id } = await createEngagement(ctx, input);
  return { id, name: input.name };
}

/** The actions of the organisation's activity log entries, oldest first. */
export async function actions(orgId: string): Promise<string[]> {
  return (await entries(orgId)).map((entry) => entry.action);
}

/** Expects the organisation's hash chain to verify (`ctx` must be allowed to view activity). */
export async function expectIntactLog(ctx: OrgContext): Promise<void> {
  expect(await verifyActivityLog(ctx)).toMatchObject({ ok: true });
}

// ---------------------------------------------------------------------------------------------
// Evidence, population and exception builders, with inputs shaped the way the zod schemas in
// lib/schemas/evidence.ts hand them over.

import { createHash } from "node:crypto";
import type { StoredBlobInfo } from "@/lib/db/evidence";
import { recordException } from "@/lib/db/exceptions";
import { addPopulationEvent } from "@/lib/db/population";
import type {
  ExceptionInput,
  FileEvidenceInput,
  NoteEvidenceInput,
  PopulationEventInput,
} from "@/lib/schemas/evidence";
import { blobKey } from "@/lib/storage/blob-store";

export function noteEvidenceInput(
  controlIds: string[],
  overrides: Partial<NoteEvidenceInput> = {},
): NoteEvidenceInput {
  return {
    controlIds,
    purpose: "operating",
    title: `Evidence ${nextId()}`,
    effectiveDate: "2026-03-31",
    note: "Reviewed every account.",
    ...overrides,
  };
}

export function fileEvidenceInput(
  controlIds: string[],
  overrides: Partial<FileEvidenceInput> = {},
): FileEvidenceInput {
  return {
    controlIds,
    purpose: "operating",
    title: `File ${nextId()}`,
    effectiveDate: "2026-03-31",
    ...overrides,
  };
}

/** What the blob store reports after storing `content` for the organisation (no bytes are written). */
export function storedBlob(orgId: string, content: string): StoredBlobInfo {
  const sha256 = createHash("sha256").update(content).digest("hex");
  return { sha256, size: Buffer.byteLength(content), key: blobKey(orgId, sha256) };
}

export async function makePopulationEvent(
  ctx: OrgContext,
  controlId: string,
  overrides: Partial<PopulationEventInput> = {},
): Promise<{ id: string; reference: string }> {
  const input: PopulationEventInput = {
    controlId,
    date: "2026-02-01",
    reference: `EV-${nextId()}`,
    description: "",
    ...overrides,
  };
  const { id } = await addPopulationEvent(ctx, input);
  return { id, reference: input.reference };
}

export function exceptionInput(
  controlId: string,
  overrides: Partial<ExceptionInput> = {},
): ExceptionInput {
  return {
    controlId,
    date: "2026-03-10",
    description: "The March review was skipped.",
    severity: "medium",
    ...overrides,
  };
}

export async function makeException(
  ctx: OrgContext,
  controlId: string,
  overrides: Partial<ExceptionInput> = {},
): Promise<{ id: string }> {
  return recordException(ctx, exceptionInput(controlId, overrides));
}
