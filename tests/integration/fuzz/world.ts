import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { signUpLinkToken } from "@/lib/auth/sign-up-link";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { createAuditorRequest } from "@/lib/db/auditor-requests";
import { addFileEvidence, addLinkEvidence, addNoteEvidence } from "@/lib/db/evidence";
import { openExportDownload, startExport } from "@/lib/db/exports";
import { runExport } from "@/lib/exports/run-export";
import { createInvitation } from "@/lib/db/invitations";
import { issuePasswordReset } from "@/lib/db/password-reset";
import { startSession } from "@/lib/db/sessions";
import { setControlMappings } from "@/lib/db/mappings";
import { getBlobStore } from "@/lib/storage";
import { makeAuditor } from "../auditor-fixture";
import {
  addMember,
  criterion,
  exceptionInput,
  fileEvidenceInput,
  makeControl,
  makeEngagement,
  makeException,
  makeObjective,
  makeOrg,
  makePopulationEvent,
  makeUser,
  noteEvidenceInput,
} from "../helpers";

// The organisations every fuzzed call runs against, made once per test file. A is the callers'
// organisation, with one member of each role and an auditor given one of its two engagements.
// B is the victim: the same kinds of records, every text of them carrying a marker, so any
// answer that shows B's data to someone outside B is found by searching for the marker, B's
// ids, slug and emails.

const DAY_MS = 86_400_000;

export const MARKER = "qzb7mark";
/** In the name of the engagement A's auditor was not given: they must never see it either. */
export const OUT_OF_SCOPE = "qzoutscope";

export const ENTITIES = [
  "control",
  "objective",
  "engagement",
  "evidence",
  "event",
  "exception",
  "membership",
  "invitation",
  "access",
  "request",
  "run",
  "user",
  "sha256",
] as const;
export type Entity = (typeof ENTITIES)[number];

export type SeededOrg = {
  owner: UserContext;
  ctx: OrgContext;
  slug: string;
  ids: Record<Entity, string[]>;
  emails: string[];
  auditor: UserContext;
  /** The engagement the auditor was given. */
  auditedEngagementId: string;
  invitationToken: string;
};

export type Caller = {
  role:
    | "owner"
    | "admin"
    | "editor"
    | "viewer"
    | "auditor"
    | "non-member"
    | "signed-out"
    | "revoked session";
  user: UserContext | null;
  /** The caller's live AuthSession, renewed for every endpoint (a fuzzed call may end it). */
  sessionId: string | null;
};

export type World = {
  a: SeededOrg & { members: Record<"admin" | "editor" | "viewer", UserContext> };
  b: SeededOrg;
  outsider: UserContext;
  outsiderSlug: string;
  callers: Caller[];
  criterionIds: string[];
  /** Links A's people were sent: an invitation, a password reset, a sign-up (B's never reach the fuzzer). */
  tokens: string[];
  leakTokens: string[];
  /** What A's auditor must not see of A: the engagement they were not given. */
  outOfScopeTokens: string[];
  /** Every seeded user's (the hash of TEST_PASSWORD), put back after a fuzzed password change. */
  passwordHash: string;
  /** A real evidence pack of A's, for the pack verifier (see withSamplePack). */
  samplePack?: Uint8Array;
};

async function storeFile(
  ctx: OrgContext,
  content: string,
): Promise<{ sha256: string; size: number; key: string }> {
  return getBlobStore().putStream(ctx.orgId, Readable.from([Buffer.from(content)]), 1024 * 1024);
}

/** One organisation with a record of every kind; `mark` goes into every text B's members wrote. */
async function seedOrg(
  label: string,
  mark: string,
): Promise<SeededOrg & { members: Record<"admin" | "editor" | "viewer", UserContext> }> {
  const owner = await makeUser({
    email: `${label}-owner-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`,
  });
  const made = await makeOrg(owner, `${label} organisation`);
  // The slug is made from the first name; renaming afterwards keeps the marker out of the slug,
  // so an endpoint echoing a slug it was sent is not mistaken for a leak of the name.
  await getDb().organization.update({
    where: { id: made.orgId },
    data: { name: `${label} organisation ${mark}` },
  });
  const ctx = { ...made, orgName: `${label} organisation ${mark}` };
  const [admin, editor, viewer] = [
    await addMember(ctx, "admin"),
    await addMember(ctx, "editor"),
    await addMember(ctx, "viewer"),
  ];
  const objective = await makeObjective(ctx, {
    title: `Objective ${mark}`,
    objective: `Payroll ${mark} is processed completely.`,
  });
  const events = await makeControl(ctx, {
    title: `Access review ${mark}`,
    description: `Narrative ${mark}`,
    status: "implemented",
    frequency: "event_driven",
  });
  const backups = await makeControl(ctx, { title: `Backups ${mark}` });
  await setControlMappings(ctx, events.id, [criterion("CC6.1")], [objective.id]);
  const soc2 = await makeEngagement(ctx, { name: `SOC 2 ${mark}`, categories: [] });
  const soc1 = await makeEngagement(ctx, {
    name: `SOC 1 ${mark} ${OUT_OF_SCOPE}`,
    family: "SOC1",
    type: "TYPE_I",
    asOfDate: "2026-06-30",
    periodStart: undefined,
    periodEnd: undefined,
    objectiveIds: [objective.id],
  });
  const event = await makePopulationEvent(ctx, events.id, {
    reference: `EV-${mark}`,
    description: `Event ${mark}`,
  });
  const note = await addNoteEvidence(
    ctx,
    noteEvidenceInput([events.id], { title: `Note ${mark}`, note: `Reviewed ${mark}` }),
  );
  const link = await addLinkEvidence(ctx, {
    ...noteEvidenceInput([backups.id]),
    title: `Link ${mark}`,
    url: `https://example.com/${mark}`,
  });
  const blob = await storeFile(ctx, `file content ${mark}`);
  const file = await addFileEvidence(
    ctx,
    fileEvidenceInput([events.id], { title: `File ${mark}` }),
    blob,
    { name: `${mark}.txt`, contentType: "text/plain" },
  );
  const exception = await makeException(
    ctx,
    events.id,
    exceptionInput(events.id, { description: `Skipped ${mark} review` }),
  );
  const auditor = await makeAuditor(ctx, [soc2.id]);
  const request = await createAuditorRequest(auditor.ctx, {
    engagementId: soc2.id,
    controlId: events.id,
    body: `Show ${mark}`,
  });
  const invitation = await createInvitation(ctx, {
    email: `${label}-invitee-${Date.now().toString(36)}@example.test`,
    role: "viewer",
  });
  const run = await startExport(ctx, soc2.id, "json");
  await runExport(ctx, run.id);
  const db = getDb();
  const memberships = await db.membership.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true },
  });
  const accesses = await db.auditorAccess.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true },
  });
  const users = [owner, admin.user, editor.user, viewer.user, auditor.user];
  return {
    owner,
    ctx,
    slug: ctx.orgSlug,
    auditor: auditor.user,
    auditedEngagementId: soc2.id,
    invitationToken: invitation.token,
    members: { admin: admin.user, editor: editor.user, viewer: viewer.user },
    emails: [...users.map((user) => user.email), invitation.email],
    ids: {
      control: [events.id, backups.id],
      objective: [objective.id],
      engagement: [soc2.id, soc1.id],
      evidence: [note.id, link.id, file.id],
      event: [event.id],
      exception: [exception.id],
      membership: memberships.map((membership) => membership.id),
      invitation: [invitation.id, auditor.invitationId],
      access: accesses.map((access) => access.id),
      request: [request.id],
      run: [run.id],
      user: users.map((user) => user.userId),
      sha256: [blob.sha256],
    },
  };
}

/** Organisations A and B and an outsider (a member of a third organisation only). */
export async function seedWorld(): Promise<World> {
  const a = await seedOrg("aorg", "plain");
  const b = await seedOrg("borg", MARKER);
  const outsider = await makeUser();
  const outsiderSlug = (await makeOrg(outsider, "Outsider organisation")).orgSlug;
  const callers: Caller[] = [
    { role: "owner", user: a.owner, sessionId: null },
    { role: "admin", user: a.members.admin, sessionId: null },
    { role: "editor", user: a.members.editor, sessionId: null },
    { role: "viewer", user: a.members.viewer, sessionId: null },
    { role: "auditor", user: a.auditor, sessionId: null },
    { role: "non-member", user: outsider, sessionId: null },
    { role: "signed-out", user: null, sessionId: null },
    // A token naming a session that was signed out: as good as none.
    { role: "revoked session", user: a.owner, sessionId: null },
  ];
  const leakTokens = [MARKER, b.slug, ...b.emails, ...Object.values(b.ids).flat()];
  const { passwordHash } = await getDb().user.findUniqueOrThrow({
    where: { id: a.owner.userId },
    select: { passwordHash: true },
  });
  const outOfScopeTokens = [
    OUT_OF_SCOPE,
    ...a.ids.engagement.filter((id) => id !== a.auditedEngagementId),
  ];
  const reset = await issuePasswordReset(a.members.viewer.userId, new Date());
  const signUp = signUpLinkToken({
    email: "signed-up-by-link@example.test",
    name: "New Person",
    callbackUrl: "/",
    expiresAt: Date.now() + DAY_MS,
  });
  const tokens = [a.invitationToken, reset.token, signUp];
  return {
    a,
    b,
    outsider,
    outsiderSlug,
    callers,
    passwordHash,
    outOfScopeTokens,
    criterionIds: [criterion("CC6.1"), criterion("CC1.1")],
    tokens,
    leakTokens,
  };
}

/** Adds a real evidence pack of A's audited engagement, produced the way an export is. */
export async function withSamplePack(world: World): Promise<void> {
  const run = await startExport(world.a.ctx, world.a.auditedEngagementId, "pack");
  await runExport(world.a.ctx, run.id);
  const { storageKey } = await openExportDownload(world.a.ctx, run.id);
  world.samplePack = new Uint8Array(await buffer(await getBlobStore().get(storageKey)));
}

/**
 * Puts A's callers back as seeded (a fuzzed call may have removed a member, changed a role or a
 * password, ended sessions, revoked the auditor, archived their engagement or made two-factor
 * compulsory), so every endpoint is tried by every role. Test set-up written straight to the
 * tables, outside the activity log.
 */
export async function restoreCallers(world: World): Promise<void> {
  const db = getDb();
  const organizationId = world.a.ctx.orgId;
  const { passwordHash } = world;
  const users = world.callers.flatMap((caller) => (caller.user ? [caller.user.userId] : []));
  await db.organization.update({
    where: { id: organizationId },
    data: { requireTwoFactor: false },
  });
  await db.user.updateMany({
    where: {
      id: { in: users },
      OR: [{ passwordHash: { not: passwordHash } }, { passwordChangedAt: { not: null } }],
    },
    data: { passwordHash, passwordChangedAt: null },
  });
  const sessionIds = world.callers.flatMap((caller) =>
    caller.sessionId ? [caller.sessionId] : [],
  );
  const live = new Set(
    (
      await db.authSession.findMany({
        where: { id: { in: sessionIds }, revokedAt: null },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const roles = new Map(
    (
      await db.membership.findMany({
        where: { organizationId, userId: { in: users } },
        select: { userId: true, role: true },
      })
    ).map((row) => [row.userId, row.role]),
  );
  for (const caller of world.callers) {
    if (!caller.user) continue;
    const userId = caller.user.userId;
    const role = caller.role;
    if (role === "revoked session") {
      caller.sessionId ??= await startSession(
        userId,
        { userAgent: "fuzz", address: "203.0.113.7" },
        new Date(),
      );
      await db.authSession.update({
        where: { id: caller.sessionId },
        data: { revokedAt: new Date() },
      });
      continue;
    }
    if (!caller.sessionId || !live.has(caller.sessionId))
      caller.sessionId = await startSession(
        userId,
        { userAgent: "fuzz", address: "203.0.113.7" },
        new Date(),
      );
    if (role === "non-member" || roles.get(userId) === role) continue;
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId, userId } },
      create: { organizationId, userId, role },
      update: { role },
    });
  }
  const engagementId = world.a.auditedEngagementId;
  await db.engagement.update({ where: { id: engagementId }, data: { archivedAt: null } });
  const expiresAt = new Date(Date.now() + 30 * DAY_MS);
  await db.auditorAccess.upsert({
    where: { userId_engagementId: { userId: world.a.auditor.userId, engagementId } },
    create: {
      organizationId,
      userId: world.a.auditor.userId,
      engagementId,
      expiresAt,
      grantedById: world.a.owner.userId,
    },
    update: { revokedAt: null, expiresAt },
  });
  // The outsider may have accepted A's invitation.
  if (roles.has(world.outsider.userId))
    await db.membership.deleteMany({ where: { organizationId, userId: world.outsider.userId } });
  world.a.ids = await currentIds(organizationId);
}

/** A's records as they are now (fuzzed calls add and delete some), newest first, a few of each kind. */
async function currentIds(organizationId: string): Promise<Record<Entity, string[]>> {
  const db = getDb();
  const where = { organizationId };
  const newest = { orderBy: { createdAt: "desc" as const }, take: 6, select: { id: true } };
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  const memberships = await db.membership.findMany({ where, select: { id: true, userId: true } });
  return {
    control: ids(await db.control.findMany({ where, ...newest })),
    objective: ids(await db.controlObjective.findMany({ where, ...newest })),
    engagement: ids(await db.engagement.findMany({ where, ...newest })),
    evidence: ids(await db.evidence.findMany({ where, ...newest })),
    event: ids(await db.populationEvent.findMany({ where, ...newest })),
    exception: ids(await db.controlException.findMany({ where, ...newest })),
    membership: memberships.map((row) => row.id),
    invitation: ids(await db.invitation.findMany({ where, ...newest })),
    access: ids(await db.auditorAccess.findMany({ where, ...newest })),
    request: ids(await db.auditorRequest.findMany({ where, ...newest })),
    run: ids(await db.exportRun.findMany({ where, ...newest })),
    user: memberships.map((row) => row.userId),
    sha256: (await db.storedFile.findMany({ where, take: 6, select: { sha256: true } })).map(
      (row) => row.sha256,
    ),
  };
}
