import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { createAuditorRequest } from "@/lib/db/auditor-requests";
import { saveSection } from "@/lib/db/description-edit";
import {
  extendAuditorAccess,
  inviteAuditor,
  listAuditorActivity,
  listAuditors,
  recordAuditorAccess,
  revokeAuditorAccess,
} from "@/lib/db/auditor-access";
import { getDb } from "@/lib/db/client";
import { exportControlsCsv } from "@/lib/db/control-import";
import {
  listControlOptions,
  listControlRefs,
  listControls,
  listMemberOptions,
  getControl,
} from "@/lib/db/controls";
import type { OrgContext, UserContext } from "@/lib/db/context";
import {
  getEngagement,
  getEvidenceWindowContext,
  listEngagements,
  setEngagementArchived,
} from "@/lib/db/engagements";
import {
  addNoteEvidence,
  findEvidenceBySha,
  getEvidenceFile,
  listControlEvidence,
} from "@/lib/db/evidence";
import { deleteEvidence } from "@/lib/db/evidence-corrections";
import { listControlExceptions } from "@/lib/db/exceptions";
import { acceptInvitation, createInvitation } from "@/lib/db/invitations";
import { countControlsByCriterion } from "@/lib/db/mappings";
import { resolveOrgContext } from "@/lib/db/organizations";
import { listObjectives } from "@/lib/db/objectives";
import { listPopulation } from "@/lib/db/population";
import { engagementReadiness } from "@/lib/db/readiness";
import { startExport } from "@/lib/db/exports";
import { accessExpiresAt } from "@/lib/domain/auditor-access";
import { isoDateOf } from "@/lib/domain/dates";
import { ControlListQuery } from "@/lib/schemas/control";
import { dayAfter, grantOf, makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import {
  actions,
  addMember,
  criterion,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeException,
  makeObjective,
  makeOrg,
  makePopulationEvent,
  makeUser,
  noteEvidenceInput,
  uniqueEmail,
} from "./helpers";
import { versionOf } from "./version-of";
import { signInAs } from "./signed-in";

// Outside auditors: scoped to the engagements they were given, until a last day, read-only.
// Data-access functions are called directly; server actions and route handlers the way a
// crafted request would, as the signed-in user of our choosing.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

// getBlobStore() reads the environment once, on first use: set it before any route runs.
const storageDir = await mkdtemp(path.join(tmpdir(), "assay-auditor-access-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);

const { POST: upload } = await import("@/app/api/orgs/[orgSlug]/evidence/files/route");
const { GET: download } = await import("@/app/api/orgs/[orgSlug]/evidence/[evidenceId]/file/route");
const { GET: bySha } = await import("@/app/api/orgs/[orgSlug]/evidence/by-sha/[sha256]/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

beforeEach(() => {
  signInAs(null);
});

const ORIGIN = "http://assay.test";
const today = () => isoDateOf(new Date());

/** Uploads `content` as a PDF evidence file of `controlIds`, as `as`. */
async function uploadFile(
  as: UserContext,
  orgSlug: string,
  controlIds: string[],
  content: string,
  fileName = "review.pdf",
): Promise<Response> {
  const url = new URL(`${ORIGIN}/api/orgs/${orgSlug}/evidence/files`);
  for (const controlId of controlIds) url.searchParams.append("controlIds", controlId);
  for (const [name, value] of Object.entries({
    purpose: "operating",
    title: `File ${fileName}`,
    effectiveDate: "2026-03-31",
    fileName,
  }))
    url.searchParams.set(name, value);
  signInAs(as);
  return upload(
    new NextRequest(url, {
      method: "POST",
      body: content,
      headers: { "content-type": "application/pdf" },
      duplex: "half",
    }),
    { params: Promise.resolve({ orgSlug }) },
  );
}

async function uploaded(
  as: UserContext,
  orgSlug: string,
  controlIds: string[],
  content: string,
  fileName?: string,
): Promise<string> {
  const response = await uploadFile(as, orgSlug, controlIds, content, fileName);
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

function fetchFile(
  as: UserContext,
  orgSlug: string,
  evidenceId: string,
  inline = false,
): Promise<Response> {
  signInAs(as);
  const url = `${ORIGIN}/api/orgs/${orgSlug}/evidence/${evidenceId}/file${inline ? "?inline=1" : ""}`;
  return download(new NextRequest(url), { params: Promise.resolve({ orgSlug, evidenceId }) });
}

async function expectStatus(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
}

/** A team's organisation with evidence, exceptions and events on controls A and B, and a file on each. */
async function populatedOrg() {
  const world = await makeAuditedOrg();
  const { team, owner, controlA, controlB, controlBoth } = world;
  const evidenceA = await addNoteEvidence(
    team,
    noteEvidenceInput([controlA.id], { title: "Payroll reconciliation for March" }),
  );
  const evidenceBoth = await addNoteEvidence(
    team,
    noteEvidenceInput([controlBoth.id], { title: "Q1 access review" }),
  );
  const evidenceB = await addNoteEvidence(
    team,
    noteEvidenceInput([controlB.id], { title: "Firewall rules export" }),
  );
  const exceptionA = await makeException(team, controlA.id, {
    description: "The March payroll run was not reconciled.",
  });
  const exceptionB = await makeException(team, controlB.id, {
    description: "The firewall review was skipped.",
  });
  const eventA = await makePopulationEvent(team, controlA.id, { reference: "RUN-2026-03" });
  const eventB = await makePopulationEvent(team, controlB.id, { reference: "CHG-7" });
  const fileA = await uploaded(
    owner,
    team.orgSlug,
    [controlA.id],
    "%PDF-1.7 payroll reconciliation",
    "payroll.pdf",
  );
  const fileB = await uploaded(
    owner,
    team.orgSlug,
    [controlB.id],
    "%PDF-1.7 firewall rules",
    "firewall.pdf",
  );
  return {
    ...world,
    evidenceA,
    evidenceBoth,
    evidenceB,
    exceptionA,
    exceptionB,
    eventA,
    eventB,
    fileA,
    fileB,
  };
}

/** Another organisation with one of everything. */
async function otherOrg() {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  const control = await makeControl(ctx, { frequency: "event_driven" });
  const engagement = await makeEngagement(ctx);
  const objective = await makeObjective(ctx);
  const evidence = await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
  const file = await uploaded(
    owner,
    ctx.orgSlug,
    [control.id],
    "%PDF-1.7 their secret",
    "theirs.pdf",
  );
  const exception = await makeException(ctx, control.id);
  const event = await makePopulationEvent(ctx, control.id);
  const invitation = await createInvitation(ctx, { email: uniqueEmail("theirs"), role: "viewer" });
  const membership = await getDb().membership.findFirstOrThrow({
    where: { organizationId: ctx.orgId },
    select: { id: true },
  });
  const auditor = await makeAuditor(ctx, [engagement.id]);
  const request = await createAuditorRequest(auditor.ctx, {
    engagementId: engagement.id,
    requirementId: criterion("CC6.1"),
    body: "Please provide your firewall review.",
  });
  const exportRun = await startExport(ctx, engagement.id, "json");
  return {
    owner,
    ctx,
    control,
    engagement,
    objective,
    evidence,
    file,
    exception,
    event,
    invitation,
    membership,
    auditor,
    request,
    exportRun,
  };
}

describe("inviting and accepting an auditor", () => {
  it("gives an auditor invited by an admin exactly the chosen engagement, and logs each step", async () => {
    const { team, engagementA, engagementB } = await makeAuditedOrg();
    const admin = await addMember(team, "admin");
    const user = await makeUser();
    const lastDay = dayAfter(45);

    const invitation = await inviteAuditor(admin.ctx, {
      email: user.email.toUpperCase(),
      engagementIds: [engagementA.id, engagementA.id],
      lastDay,
    });
    expect(invitation).toMatchObject({
      email: user.email,
      engagementNames: [engagementA.name],
      lastDay,
    });
    expect(
      await getDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } }),
    ).toMatchObject({
      role: "auditor",
      engagementIds: JSON.stringify([engagementA.id]),
      accessExpiresAt: accessExpiresAt(lastDay),
    });
    expect(await resolveOrgContext(user.userId, team.orgSlug)).toBeNull();

    await expect(acceptInvitation(user, invitation.token)).resolves.toEqual({
      orgSlug: team.orgSlug,
    });

    const ctx = await resolveOrgContext(user.userId, team.orgSlug);
    expect(ctx).toMatchObject({
      role: "auditor",
      orgId: team.orgId,
      engagementIds: [engagementA.id],
    });
    expect(ctx?.engagementIds).not.toContain(engagementB.id);
    expect(await grantOf(user.userId, engagementA.id)).toMatchObject({
      expiresAt: accessExpiresAt(lastDay),
      revokedAt: null,
    });
    const { auditors, invitations } = await listAuditors(team);
    expect(invitations.map((row) => row.id)).not.toContain(invitation.id);
    expect(auditors.find((row) => row.userId === user.userId)).toMatchObject({
      email: user.email,
      grants: [
        {
          engagementId: engagementA.id,
          engagementName: engagementA.name,
          lastDay,
          state: "active",
        },
      ],
    });
    expect((await actions(team.orgId)).slice(-4)).toEqual([
      "auditor.invited",
      "member.added",
      "auditor.access_granted",
      "invitation.accepted",
    ]);
    expect((await entries(team.orgId)).at(-2)).toMatchObject({
      actorId: user.userId,
      entityId: user.userId,
      after: { engagementIds: [engagementA.id], expiresAt: accessExpiresAt(lastDay).toISOString() },
    });
    await expectIntactLog(team);
  });

  it("ends access at the end of the last day in the organisation's time zone", async () => {
    const { team, engagementA } = await makeAuditedOrg();
    await getDb().organization.update({
      where: { id: team.orgId },
      data: { timeZone: "Pacific/Auckland" },
    });
    const user = await makeUser();
    const lastDay = dayAfter(45);
    const invitation = await inviteAuditor(team, {
      email: user.email,
      engagementIds: [engagementA.id],
      lastDay,
    });
    const stored = await getDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.accessExpiresAt).toEqual(accessExpiresAt(lastDay, "Pacific/Auckland"));
    // Auckland's day ends 12 or 13 hours before midnight UTC.
    expect(
      accessExpiresAt(lastDay).getTime() - stored.accessExpiresAt!.getTime(),
    ).toBeGreaterThanOrEqual(12 * 3_600_000);
    await acceptInvitation(user, invitation.token);
    const { auditors } = await listAuditors(team);
    expect(auditors.find((row) => row.userId === user.userId)?.grants[0]?.lastDay).toBe(lastDay);
  });

  it("adds engagements when an existing auditor accepts a new invitation", async () => {
    const { team, engagementA, engagementB, auditor } = await makeAuditedOrg();
    const invitation = await inviteAuditor(team, {
      email: auditor.user.email,
      engagementIds: [engagementB.id],
      lastDay: dayAfter(10),
    });

    await acceptInvitation(auditor.user, invitation.token);

    expect(
      [
        ...((await resolveOrgContext(auditor.user.userId, team.orgSlug))?.engagementIds ?? []),
      ].sort(),
    ).toEqual([engagementA.id, engagementB.id].sort());
    expect(
      await getDb().membership.count({
        where: { organizationId: team.orgId, userId: auditor.user.userId },
      }),
    ).toBe(1);
  });
});

describe("what an auditor sees", () => {
  let world: Awaited<ReturnType<typeof populatedOrg>>;
  let theirs: Awaited<ReturnType<typeof otherOrg>>;
  let auditor: OrgContext;
  beforeAll(async () => {
    world = await populatedOrg();
    theirs = await otherOrg();
    auditor = world.auditor.ctx;
  });

  it("sees engagement A, its readiness and only A in the list", async () => {
    const { engagementA, objectiveA, controlA, controlBoth } = world;

    expect(await getEngagement(auditor, engagementA.id)).toMatchObject({
      id: engagementA.id,
      name: engagementA.name,
      family: "SOC1",
      objectiveIds: [objectiveA.id],
    });
    expect(await getEvidenceWindowContext(auditor, engagementA.id)).toMatchObject({
      id: engagementA.id,
      type: "TYPE_II",
    });
    const readiness = await engagementReadiness(auditor, engagementA.id, today());
    expect(
      readiness.requirements.map((requirement) => [
        requirement.id,
        requirement.controls.map((control) => control.id),
      ]),
    ).toEqual([[objectiveA.id, [controlBoth.id, controlA.id]]]);
    expect(readiness.counts.total).toBe(1);
    expect((await listEngagements(auditor)).map((engagement) => engagement.id)).toEqual([
      engagementA.id,
    ]);
    expect(
      (await listEngagements(auditor, { includeArchived: true })).map(
        (engagement) => engagement.id,
      ),
    ).toEqual([engagementA.id]);
  });

  it("sees the controls of A with their evidence, exceptions and population", async () => {
    const { controlA, controlBoth } = world;

    expect(await getControl(auditor, controlA.id)).toMatchObject({
      id: controlA.id,
      ref: controlA.ref,
    });
    expect(await getControl(auditor, controlBoth.id)).toMatchObject({ id: controlBoth.id });
    expect(
      (await listControlEvidence(auditor, controlA.id)).map((row) => row.title).sort(),
    ).toEqual(["File payroll.pdf", "Payroll reconciliation for March"]);
    expect((await listControlEvidence(auditor, controlBoth.id)).map((row) => row.title)).toEqual([
      "Q1 access review",
    ]);
    expect(
      (await listControlExceptions(auditor, controlA.id)).map((row) => row.description),
    ).toEqual(["The March payroll run was not reconciled."]);
    expect((await listPopulation(auditor, controlA.id)).map((row) => row.reference)).toEqual([
      "RUN-2026-03",
    ]);
    expect(await getEvidenceFile(auditor, world.fileA)).toMatchObject({
      fileName: "payroll.pdf",
      contentType: "application/pdf",
    });
  });

  it("is not told about objectives, mappings or controls outside their engagements", async () => {
    const { objectiveA, controlBoth } = world;

    expect(
      (await listObjectives(auditor, { includeRetired: true })).map((objective) => objective.id),
    ).toEqual([objectiveA.id]);
    // ACC-01 also serves CC6.1 in engagement B.
    expect(await getControl(auditor, controlBoth.id)).toMatchObject({
      criterionIds: [],
      objectiveIds: [objectiveA.id],
      mappingCount: 1,
    });
    // Evidence shared with B's control does not name it.
    const shared = await addNoteEvidence(
      world.team,
      noteEvidenceInput([controlBoth.id, world.controlB.id], { title: "Shared review" }),
    );
    const row = (await listControlEvidence(auditor, controlBoth.id)).find(
      (item) => item.id === shared.id,
    );
    expect(row?.controls.map((control) => control.id)).toEqual([controlBoth.id]);
    await deleteEvidence(
      world.team,
      shared.id,
      await versionOf("evidence", shared.id),
      "Recorded in error",
    );
    // A third engagement using objective A exists, but the auditor is not told.
    const hidden = await makeEngagement(world.team, {
      name: "ISAE 3402 for another client",
      family: "ISAE3402",
      objectiveIds: [objectiveA.id],
    });
    expect(
      (
        await engagementReadiness(world.team, world.engagementA.id, today())
      ).requirements[0]?.alsoIn.map((other) => other.id),
    ).toContain(hidden.id);
    expect(
      (await engagementReadiness(auditor, world.engagementA.id, today())).requirements[0]?.alsoIn,
    ).toEqual([]);
    await setEngagementArchived(
      world.team,
      hidden.id,
      true,
      await versionOf("engagement", hidden.id),
    );
  });

  it("gets NOT_FOUND for engagement B, a control only in B and evidence only on it", async () => {
    const { engagementB, controlB, evidenceB, fileB } = world;

    await expectAppError(getEngagement(auditor, engagementB.id), "NOT_FOUND");
    await expectAppError(getEvidenceWindowContext(auditor, engagementB.id), "NOT_FOUND");
    await expectAppError(engagementReadiness(auditor, engagementB.id, today()), "NOT_FOUND");
    await expectAppError(getControl(auditor, controlB.id), "NOT_FOUND");
    await expectAppError(listControlEvidence(auditor, controlB.id), "NOT_FOUND");
    await expectAppError(listControlExceptions(auditor, controlB.id), "NOT_FOUND");
    await expectAppError(listPopulation(auditor, controlB.id), "NOT_FOUND");
    await expectAppError(getEvidenceFile(auditor, fileB), "NOT_FOUND");
    await expectAppError(getEvidenceFile(auditor, evidenceB.id), "NOT_FOUND");
  });

  it("gets NOT_FOUND for another organisation's anything", async () => {
    await expectAppError(getEngagement(auditor, theirs.engagement.id), "NOT_FOUND");
    await expectAppError(engagementReadiness(auditor, theirs.engagement.id, today()), "NOT_FOUND");
    await expectAppError(getControl(auditor, theirs.control.id), "NOT_FOUND");
    await expectAppError(listControlEvidence(auditor, theirs.control.id), "NOT_FOUND");
    await expectAppError(listControlExceptions(auditor, theirs.control.id), "NOT_FOUND");
    await expectAppError(listPopulation(auditor, theirs.control.id), "NOT_FOUND");
    await expectAppError(getEvidenceFile(auditor, theirs.file), "NOT_FOUND");
    expect(await resolveOrgContext(world.auditor.user.userId, theirs.ctx.orgSlug)).toBeNull();
  });

  it("is refused the control library", async () => {
    await expectAppError(listControls(auditor, ControlListQuery.parse({})), "FORBIDDEN");
    await expectAppError(listControlOptions(auditor), "FORBIDDEN");
    await expectAppError(listMemberOptions(auditor), "FORBIDDEN");
    await expectAppError(listControlRefs(auditor), "FORBIDDEN");
    await expectAppError(exportControlsCsv(auditor), "FORBIDDEN");
    await expectAppError(countControlsByCriterion(auditor), "FORBIDDEN");
    await expectAppError(findEvidenceBySha(auditor, "a".repeat(64)), "FORBIDDEN");
    // The team still has it.
    await expect(listControlRefs(world.viewer.ctx)).resolves.toHaveLength(3);
  });

  it("downloads a file of a control of A through the route, and gets 404 for B's and another organisation's", async () => {
    const {
      team,
      auditor: { user },
      fileA,
      fileB,
      evidenceA,
    } = world;

    const response = await fetchFile(user, team.orgSlug, fileA);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="payroll.pdf"/,
    );
    expect(await response.text()).toBe("%PDF-1.7 payroll reconciliation");

    const inline = await fetchFile(user, team.orgSlug, fileA, true);
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; filename="payroll.pdf"/);
    expect(await inline.text()).toBe("%PDF-1.7 payroll reconciliation");

    await expectStatus(await fetchFile(user, team.orgSlug, fileB), 404, "NOT_FOUND");
    await expectStatus(await fetchFile(user, team.orgSlug, evidenceA.id), 404, "NOT_FOUND");
    await expectStatus(await fetchFile(user, team.orgSlug, theirs.file), 404, "NOT_FOUND");
    await expectStatus(await fetchFile(user, theirs.ctx.orgSlug, theirs.file), 404, "NOT_FOUND");
    signInAs(user);
    const sha = "0".repeat(64);
    await expectStatus(
      await bySha(new NextRequest(`${ORIGIN}/api/orgs/${team.orgSlug}/evidence/by-sha/${sha}`), {
        params: Promise.resolve({ orgSlug: team.orgSlug, sha256: sha }),
      }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("expiry, revocation and extension", () => {
  const T0 = new Date("2026-03-02T09:00:00.000Z");

  it("lasts to the end of the last day (UTC) and not a second longer", async () => {
    const { team, engagementA } = await makeAuditedOrg();
    const { user } = await makeAuditor(team, [engagementA.id], "2026-03-31", T0);
    const end = new Date("2026-04-01T00:00:00.000Z");

    expect(await resolveOrgContext(user.userId, team.orgSlug, T0)).toMatchObject({
      role: "auditor",
      engagementIds: [engagementA.id],
    });
    expect(
      await resolveOrgContext(user.userId, team.orgSlug, new Date(end.getTime() - 1000)),
    ).toMatchObject({ role: "auditor", engagementIds: [engagementA.id] });
    expect(await resolveOrgContext(user.userId, team.orgSlug, end)).toBeNull();
    expect(
      await resolveOrgContext(user.userId, team.orgSlug, new Date(end.getTime() + 86_400_000)),
    ).toBeNull();
    const row = (await listAuditors(team, end)).auditors.find(
      (auditor) => auditor.userId === user.userId,
    );
    expect(row?.grants).toEqual([
      expect.objectContaining({ lastDay: "2026-03-31", state: "expired" }),
    ]);
  });

  it("ends at once when revoked, and comes back when extended", async () => {
    const { team, owner, engagementA, controlA, auditor } = await makeAuditedOrg();
    const grant = await grantOf(auditor.user.userId, engagementA.id);
    const file = await uploaded(owner, team.orgSlug, [controlA.id], "%PDF-1.7 payroll");
    expect(await (await fetchFile(auditor.user, team.orgSlug, file)).text()).toBe(
      "%PDF-1.7 payroll",
    );

    await revokeAuditorAccess(team, grant.id);

    expect(await resolveOrgContext(auditor.user.userId, team.orgSlug)).toBeNull();
    await expectStatus(await fetchFile(auditor.user, team.orgSlug, file), 404, "NOT_FOUND");
    expect(
      (await listAuditors(team)).auditors.find((row) => row.userId === auditor.user.userId)?.grants,
    ).toEqual([expect.objectContaining({ state: "revoked" })]);

    const lastDay = dayAfter(60);
    await extendAuditorAccess(team, grant.id, lastDay);

    expect(await resolveOrgContext(auditor.user.userId, team.orgSlug)).toMatchObject({
      role: "auditor",
      engagementIds: [engagementA.id],
    });
    expect(await grantOf(auditor.user.userId, engagementA.id)).toMatchObject({
      expiresAt: accessExpiresAt(lastDay),
      revokedAt: null,
    });
    expect((await actions(team.orgId)).slice(-2)).toEqual([
      "auditor.access_revoked",
      "auditor.access_extended",
    ]);
    await expectIntactLog(team);
  });

  it("extends access that has already expired", async () => {
    const { team, engagementA } = await makeAuditedOrg();
    const { user } = await makeAuditor(team, [engagementA.id], "2026-03-31", T0);
    expect(await resolveOrgContext(user.userId, team.orgSlug)).toBeNull();

    await extendAuditorAccess(team, (await grantOf(user.userId, engagementA.id)).id, dayAfter(7));

    expect(await resolveOrgContext(user.userId, team.orgSlug)).toMatchObject({
      engagementIds: [engagementA.id],
    });
  });

  it("narrows the scope when one of two engagements is revoked or archived", async () => {
    const { team, engagementA, engagementB } = await makeAuditedOrg();
    const { user } = await makeAuditor(team, [engagementA.id, engagementB.id]);

    await revokeAuditorAccess(team, (await grantOf(user.userId, engagementB.id)).id);
    const ctx = await resolveOrgContext(user.userId, team.orgSlug);
    expect(ctx?.engagementIds).toEqual([engagementA.id]);
    await expectAppError(getEngagement(ctx as OrgContext, engagementB.id), "NOT_FOUND");

    await setEngagementArchived(
      team,
      engagementA.id,
      true,
      await versionOf("engagement", engagementA.id),
    );
    expect(await resolveOrgContext(user.userId, team.orgSlug)).toBeNull();
  });

  it("lets only owners and admins revoke or extend, within their organisation, to a valid day", async () => {
    const { team, engagementA, editor, auditor } = await makeAuditedOrg();
    const grant = await grantOf(auditor.user.userId, engagementA.id);
    const theirs = await makeOrg();

    await expectAppError(revokeAuditorAccess(editor.ctx, grant.id), "FORBIDDEN");
    await expectAppError(extendAuditorAccess(editor.ctx, grant.id, dayAfter(5)), "FORBIDDEN");
    await expectAppError(revokeAuditorAccess(auditor.ctx, grant.id), "FORBIDDEN");
    await expectAppError(revokeAuditorAccess(theirs, grant.id), "NOT_FOUND");
    await expectAppError(extendAuditorAccess(theirs, grant.id, dayAfter(5)), "NOT_FOUND");
    const error = await expectAppError(
      extendAuditorAccess(team, grant.id, dayAfter(-1)),
      "VALIDATION",
    );
    expect(error.fieldErrors?.lastDay).toEqual(["Choose today or a later day."]);

    expect(await grantOf(auditor.user.userId, engagementA.id)).toEqual(grant);
  });
});

// ---------------------------------------------------------------------------------------------
// Read-only: every server action under app/o, found by walking the tree, so an action added
// later is covered without touching this file.

type FormAction = (previous: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
type OrgAction = { file: string; name: string; action: FormAction };

/**
 * The actions an auditor may use, inside their engagements only: asking for something (on a
 * requirement, a control or a description section), replying, accepting or reopening an
 * answered request, linking it, importing their request list, and exporting (the role holds
 * `export.create`).
 */
const AUDITOR_ACTIONS = new Set([
  "createRequestAction",
  "createSectionRequestAction",
  "reopenRequestAction",
  "replyToRequestAction",
  "acceptRequestAction",
  "setRequestLinksAction",
  "previewRequestListAction",
  "importRequestListAction",
  "startExportAction",
]);

/** Fields a crafted post leaves out for an action's schema to accept it. */
const LEAVE_OUT: Record<string, string[]> = { createRequestAction: ["controlId"] };
/** Fields whose crafted value suits most actions but not this one ("retired" is no exception status). */
const OVERRIDE: Record<string, Record<string, string>> = {
  updateExceptionAction: { status: "remediated" },
  savePaperworkDraftAction: { kind: "assertion" },
  createApiTokenAction: { role: "editor" },
};

const APP_O = fileURLToPath(new URL("../../app/o/", import.meta.url));

async function orgActions(): Promise<OrgAction[]> {
  const files = (await readdir(APP_O, { recursive: true }))
    .filter((file) => path.basename(file) === "actions.ts")
    .sort();
  const found: OrgAction[] = [];
  for (const file of files) {
    const exported = (await import(path.join(APP_O, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== "function")
        throw new Error(`app/o/${file} exports ${name}, which is not a server action`);
      found.push({ file: `app/o/${file}`, name, action: value as FormAction });
    }
  }
  return found;
}

/** The ids a crafted post points at. */
type Target = {
  controlId: string;
  evidenceId: string;
  exceptionId: string;
  eventId: string;
  engagementId: string;
  family: "SOC1" | "SOC2";
  kind: "criterion" | "objective";
  requirementId: string;
  objectiveId: string;
  requestId: string;
  runId: string;
  accessId: string;
  membershipId: string;
  invitationId: string;
  sectionId: string;
};

/** A system description section of the engagement, for the description actions to aim at. */
async function sectionOf(ctx: OrgContext, engagementId: string): Promise<string> {
  const saved = await saveSection(ctx, {
    engagementId,
    key: "services",
    title: "Services provided",
    body: "The services the organisation provides.",
    scope: "engagement",
    version: 0,
  });
  return saved.id;
}

/** One form with a valid value for every field any action reads; each schema takes its own. */
function craftedForm(
  orgSlug: string,
  target: Target,
  leaveOut: readonly string[] = [],
  override: Record<string, string> = {},
): FormData {
  const fields: Record<string, string | string[]> = {
    orgSlug,
    ...target,
    controlIds: [target.controlId],
    engagementIds: [target.engagementId],
    objectiveIds: [target.objectiveId],
    criterionIds: [target.kind === "criterion" ? target.requirementId : criterion("CC1.1")],
    // controls, objectives, engagements, organisation
    ref: "AUD-99",
    title: "Changed by the auditor",
    description: "Changed by the auditor.",
    ownerId: "",
    status: "retired",
    frequency: "quarterly",
    nature: "manual",
    key: "on",
    area: "business",
    objective: "An objective the auditor tries to add.",
    direction: "up",
    retired: "on",
    archived: "on",
    refs: "AC-01",
    name: "Renamed by the auditor",
    type: "TYPE_II",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    justification: "The auditor says this does not apply.",
    // the version every edit form carries (each record here is still at its first)
    version: "0",
    controlVersions: [`${target.controlId}:0`],
    exclusionId: "an-exclusion",
    recommendations: JSON.stringify([{ family: "SOC2", type: "TYPE_II", categories: [] }]),
    // evidence, population, exceptions
    purpose: "operating",
    effectiveDate: "2026-03-31",
    note: "Added by the auditor.",
    url: "https://example.test/auditor",
    date: "2026-03-01",
    reference: "AUD-EV-1",
    severity: "high",
    remediationNote: "Remediated by the auditor.",
    reason: "Deleted by the auditor.",
    graceDays: "2",
    // organisation settings, reminders
    timeZone: "Europe/Warsaw",
    defaultGraceDays: "3",
    freshnessDays: "200",
    digestFrequency: "daily",
    csv: "ref,title,status,frequency,nature\nAUD-1,Auditor control,draft,quarterly,manual\n",
    // members, auditors, requests
    email: uniqueEmail("crafted"),
    role: "owner",
    lastDay: dayAfter(300),
    answer: "Answered by the auditor.",
    body: "Please provide the March payroll reconciliation.",
    format: "json",
    // request threads and request lists
    intent: "reply",
    requirementCodes: "CC6.1",
    headerRow: "1",
    map_externalId: "ID",
    map_body: "Request",
    // system description sections (and requests on them), paperwork drafts
    to: "approved",
    sectionKey: "services",
    markdown: "# Written by the auditor",
    // single sign-on settings
    ssoDomain: "auditor-claimed.example",
    ssoJoinRole: "editor",
    requireSso: "on",
    // API tokens
    engagementLimit: "all",
    expiresOn: dayAfter(30),
    tokenId: "a-token-id",
    ...override,
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    if (!leaveOut.includes(name)) for (const item of [value].flat()) data.append(name, item);
  if (!leaveOut.includes("file"))
    data.append("file", new File(["ID,Request\nAUD-1,Sent by the auditor\n"], "list.csv"));
  return data;
}

/** Every row the organisation owns, to compare before and after. */
async function orgState(orgId: string) {
  const db = getDb();
  const own = { where: { organizationId: orgId } };
  return {
    organization: await db.organization.findUniqueOrThrow({ where: { id: orgId } }),
    memberships: await db.membership.findMany({ ...own, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ ...own, orderBy: { id: "asc" } }),
    activity: await db.activityLogEntry.count(own),
    objectives: await db.controlObjective.findMany({ ...own, orderBy: { id: "asc" } }),
    engagements: await db.engagement.findMany({ ...own, orderBy: { id: "asc" } }),
    engagementObjectives: await db.engagementObjective.findMany({
      where: { engagement: { organizationId: orgId } },
      orderBy: [{ engagementId: "asc" }, { objectiveId: "asc" }],
    }),
    exclusions: await db.requirementExclusion.findMany({
      where: { engagement: { organizationId: orgId } },
      orderBy: { id: "asc" },
    }),
    controls: await db.control.findMany({ ...own, orderBy: { id: "asc" } }),
    mappings: await db.controlMapping.findMany({ ...own, orderBy: { id: "asc" } }),
    files: await db.storedFile.findMany({ ...own, orderBy: { id: "asc" } }),
    evidence: await db.evidence.findMany({ ...own, orderBy: { id: "asc" } }),
    evidenceLinks: await db.evidenceControl.findMany({
      ...own,
      orderBy: [{ evidenceId: "asc" }, { controlId: "asc" }],
    }),
    events: await db.populationEvent.findMany({ ...own, orderBy: { id: "asc" } }),
    exceptions: await db.controlException.findMany({ ...own, orderBy: { id: "asc" } }),
    auditorAccess: await db.auditorAccess.findMany({ ...own, orderBy: { id: "asc" } }),
    requests: await db.auditorRequest.findMany({ ...own, orderBy: { id: "asc" } }),
    requestEvidence: await db.auditorRequestEvidence.findMany({
      where: { request: { organizationId: orgId } },
      orderBy: [{ requestId: "asc" }, { evidenceId: "asc" }],
    }),
    exports: await db.exportRun.findMany({ ...own, orderBy: { id: "asc" } }),
    paperworkDrafts: await db.paperworkDraft.findMany({ ...own, orderBy: { id: "asc" } }),
    apiTokens: await db.apiToken.findMany({ ...own, orderBy: { id: "asc" } }),
    sections: await db.descriptionSection.findMany({ ...own, orderBy: { id: "asc" } }),
    sectionVersions: await db.descriptionSectionVersion.findMany({
      where: { section: { organizationId: orgId } },
      orderBy: [{ sectionId: "asc" }, { number: "asc" }],
    }),
    sectionEvidence: await db.descriptionSectionEvidence.findMany({
      where: { section: { organizationId: orgId } },
      orderBy: [{ sectionId: "asc" }, { evidenceId: "asc" }],
    }),
  };
}

const membershipOf = (orgId: string, userId: string) =>
  getDb().membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId: orgId, userId } },
    select: { id: true },
  });

describe("an auditor cannot change anything", () => {
  it("is refused by every server action, inside or outside their scope, and nothing changes", async () => {
    const world = await populatedOrg();
    const theirs = await otherOrg();
    const {
      team,
      auditor,
      engagementA,
      engagementB,
      controlA,
      objectiveA,
      objectiveB,
      criterionB,
    } = world;
    const requestA = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      controlId: controlA.id,
      body: "Please provide the March reconciliation.",
    });
    const auditorOfB = await makeAuditor(team, [engagementB.id]);
    const requestB = await createAuditorRequest(auditorOfB.ctx, {
      engagementId: engagementB.id,
      requirementId: criterionB,
      body: "Please provide the firewall review.",
    });
    const pendingMember = await createInvitation(team, {
      email: uniqueEmail("pending"),
      role: "viewer",
    });
    const pendingAuditor = await inviteAuditor(team, {
      email: uniqueEmail("pending-auditor"),
      engagementIds: [engagementB.id],
      lastDay: dayAfter(20),
    });
    const [runA, runB] = [
      await startExport(team, engagementA.id, "json"),
      await startExport(team, engagementB.id, "json"),
    ];
    const targets: Record<string, Target> = {
      "engagement A": {
        controlId: controlA.id,
        evidenceId: world.fileA,
        exceptionId: world.exceptionA.id,
        eventId: world.eventA.id,
        engagementId: engagementA.id,
        family: "SOC1",
        kind: "objective",
        requirementId: objectiveA.id,
        objectiveId: objectiveA.id,
        requestId: requestA.id,
        runId: runA.id,
        accessId: (await grantOf(auditor.user.userId, engagementA.id)).id,
        membershipId: (await membershipOf(team.orgId, auditor.user.userId)).id,
        invitationId: pendingMember.id,
        sectionId: await sectionOf(team, engagementA.id),
      },
      "engagement B": {
        controlId: world.controlB.id,
        evidenceId: world.fileB,
        exceptionId: world.exceptionB.id,
        eventId: world.eventB.id,
        engagementId: engagementB.id,
        family: "SOC2",
        kind: "criterion",
        requirementId: criterionB,
        objectiveId: objectiveB.id,
        requestId: requestB.id,
        runId: runB.id,
        accessId: (await grantOf(auditorOfB.user.userId, engagementB.id)).id,
        membershipId: (await membershipOf(team.orgId, world.owner.userId)).id,
        invitationId: pendingAuditor.id,
        sectionId: await sectionOf(team, engagementB.id),
      },
      "another organisation": {
        controlId: theirs.control.id,
        evidenceId: theirs.file,
        exceptionId: theirs.exception.id,
        eventId: theirs.event.id,
        engagementId: theirs.engagement.id,
        family: "SOC2",
        kind: "objective",
        requirementId: theirs.objective.id,
        objectiveId: theirs.objective.id,
        requestId: theirs.request.id,
        runId: theirs.exportRun.id,
        accessId: (await grantOf(theirs.auditor.user.userId, theirs.engagement.id)).id,
        membershipId: theirs.membership.id,
        invitationId: theirs.invitation.id,
        sectionId: await sectionOf(theirs.ctx, theirs.engagement.id),
      },
    };
    const all = await orgActions();
    const names = all.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        ...AUDITOR_ACTIONS,
        "closeRequestAction",
        "inviteAuditorAction",
        "extendAuditorAccessAction",
        "createControlAction",
        "deleteEvidenceAction",
        "archiveEngagementAction",
        "renameOrganizationAction",
      ]),
    );
    expect(all.length).toBeGreaterThanOrEqual(40);
    const before = [await orgState(team.orgId), await orgState(theirs.ctx.orgId)];

    signInAs(auditor.user);
    const outcomes: { action: string; target: string; outcome: string }[] = [];
    for (const { file, name, action } of all) {
      const mayUse = AUDITOR_ACTIONS.has(name);
      for (const [label, target] of Object.entries(targets)) {
        // What an auditor may do inside their engagement is tested in auditor-requests.test.ts.
        if (mayUse && label === "engagement A") continue;
        const result = await action(
          null,
          craftedForm(team.orgSlug, target, LEAVE_OUT[name], OVERRIDE[name]),
        );
        const outcome = result.ok ? "ok" : result.code;
        const refused = outcome === "NOT_FOUND" || (!mayUse && outcome === "FORBIDDEN");
        outcomes.push({
          action: `${file} ${name}`,
          target: label,
          outcome: refused ? "refused" : outcome,
        });
      }
    }

    // VALIDATION here means craftedForm lacks a field a new action needs: add it there.
    expect(outcomes.filter((row) => row.outcome !== "refused")).toEqual([]);
    expect(outcomes).toHaveLength(all.length * 3 - AUDITOR_ACTIONS.size);
    expect([await orgState(team.orgId), await orgState(theirs.ctx.orgId)]).toEqual(before);
  });

  it("is refused by the upload route, and nothing is stored", async () => {
    const { team, controlA, auditor } = await makeAuditedOrg();
    const filesBefore = await readdir(storageDir, { recursive: true });

    await expectStatus(
      await uploadFile(
        auditor.user,
        team.orgSlug,
        [controlA.id],
        "%PDF-1.7 planted by the auditor",
      ),
      403,
      "FORBIDDEN",
    );

    expect(await getDb().evidence.count({ where: { organizationId: team.orgId } })).toBe(0);
    expect(await getDb().storedFile.count({ where: { organizationId: team.orgId } })).toBe(0);
    expect(await readdir(storageDir, { recursive: true })).toEqual(filesBefore);
  });
});

describe("auditor views and downloads are logged", () => {
  it("records what the auditor looked at and downloaded, nothing for the team, and keeps the chain intact", async () => {
    const { team, owner, editor, auditor, engagementA, controlA } = await makeAuditedOrg();
    const target = {
      entityType: "engagement",
      entityId: engagementA.id,
      label: `Engagement ${engagementA.name}`,
      engagementId: engagementA.id,
    } as const;

    await recordAuditorAccess(auditor.ctx, "viewed", target);

    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityType: "engagement",
      entityId: engagementA.id,
      after: { label: target.label, engagementId: engagementA.id },
    });
    const file = await uploaded(
      owner,
      team.orgSlug,
      [controlA.id],
      "%PDF-1.7 payroll",
      "payroll.pdf",
    );
    const logged = await actions(team.orgId);
    await recordAuditorAccess(editor.ctx, "viewed", target);
    await recordAuditorAccess(team, "downloaded", target);
    expect(await (await fetchFile(owner, team.orgSlug, file)).text()).toBe("%PDF-1.7 payroll");
    expect(await actions(team.orgId)).toEqual(logged);

    expect(await (await fetchFile(auditor.user, team.orgSlug, file)).text()).toBe(
      "%PDF-1.7 payroll",
    );
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.downloaded",
      actorId: auditor.user.userId,
      entityType: "evidence",
      entityId: file,
      after: { label: "Evidence file payroll.pdf" },
    });
    expect(await (await fetchFile(auditor.user, team.orgSlug, file, true)).text()).toBe(
      "%PDF-1.7 payroll",
    );
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      entityId: file,
    });

    const activity = await listAuditorActivity(team);
    expect(activity.map((row) => [row.action, row.entityType, row.label])).toEqual([
      ["viewed", "evidence", "Evidence file payroll.pdf"],
      ["downloaded", "evidence", "Evidence file payroll.pdf"],
      ["viewed", "engagement", target.label],
    ]);
    expect(new Set(activity.map((row) => row.auditor))).toEqual(
      new Set([`${auditor.user.name} <${auditor.user.email}>`]),
    );
    await expectAppError(listAuditorActivity(editor.ctx), "FORBIDDEN");
    await expectAppError(listAuditorActivity(auditor.ctx), "FORBIDDEN");
    await expectIntactLog(team);
  });

  it("logs a page re-rendered within ten minutes once, another page or a later visit again", async () => {
    const { team, auditor, engagementA } = await makeAuditedOrg();
    const page = (label: string) =>
      ({
        entityType: "engagement",
        entityId: engagementA.id,
        label,
        engagementId: engagementA.id,
      }) as const;
    const t0 = new Date("2026-05-01T09:00:00Z");
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

    await recordAuditorAccess(auditor.ctx, "viewed", page("A: dashboard"), t0);
    await recordAuditorAccess(auditor.ctx, "viewed", page("A: dashboard"), minutes(1));
    await recordAuditorAccess(auditor.ctx, "viewed", page("A: exports"), minutes(2));
    await recordAuditorAccess(auditor.ctx, "downloaded", page("A: dashboard"), minutes(3));
    await recordAuditorAccess(auditor.ctx, "downloaded", page("A: dashboard"), minutes(3));
    await recordAuditorAccess(auditor.ctx, "viewed", page("A: dashboard"), minutes(11));

    expect((await listAuditorActivity(team)).map((row) => [row.action, row.label])).toEqual([
      ["viewed", "A: dashboard"],
      ["downloaded", "A: dashboard"],
      ["downloaded", "A: dashboard"],
      ["viewed", "A: exports"],
      ["viewed", "A: dashboard"],
    ]);
  });
});

describe("inviteAuditor refuses", () => {
  const T0 = new Date("2026-03-02T09:00:00.000Z");
  const auditorInvitations = (orgId: string) =>
    getDb().invitation.count({ where: { organizationId: orgId, role: "auditor" } });

  it("a last day in the past or more than 400 days ahead, with the error on lastDay", async () => {
    const { team, engagementA } = await makeAuditedOrg();
    const invite = (lastDay: string) =>
      inviteAuditor(
        team,
        { email: uniqueEmail("auditor"), engagementIds: [engagementA.id], lastDay },
        T0,
      );
    const count = await auditorInvitations(team.orgId);

    const past = await expectAppError(invite("2026-03-01"), "VALIDATION");
    expect(past.fieldErrors?.lastDay).toEqual(["Choose today or a later day."]);
    const far = await expectAppError(invite(dayAfter(401, T0)), "VALIDATION");
    expect(far.fieldErrors?.lastDay?.[0]).toMatch(/at most 400 days/);
    expect(await auditorInvitations(team.orgId)).toBe(count);

    await expect(invite("2026-03-02")).resolves.toMatchObject({ lastDay: "2026-03-02" });
    await expect(invite(dayAfter(400, T0))).resolves.toMatchObject({ lastDay: dayAfter(400, T0) });
  });

  it("a team member, who already sees everything", async () => {
    const { team, owner, editor, engagementA } = await makeAuditedOrg();

    for (const email of [editor.user.email, owner.email.toUpperCase()]) {
      const error = await expectAppError(
        inviteAuditor(team, { email, engagementIds: [engagementA.id], lastDay: dayAfter(10) }),
        "CONFLICT",
      );
      expect(error.fieldErrors?.email).toEqual([
        "That person is a team member and already sees every engagement.",
      ]);
    }
  });

  it("an editor, a viewer or the auditor", async () => {
    const { team, editor, viewer, auditor, engagementA } = await makeAuditedOrg();
    const count = await auditorInvitations(team.orgId);

    for (const ctx of [editor.ctx, viewer.ctx, auditor.ctx]) {
      await expectAppError(
        inviteAuditor(ctx, {
          email: uniqueEmail(),
          engagementIds: [engagementA.id],
          lastDay: dayAfter(10),
        }),
        "FORBIDDEN",
      );
    }
    expect(await auditorInvitations(team.orgId)).toBe(count);
  });

  it("an engagement of another organisation, alone or with one of ours, or an archived one", async () => {
    const { team, engagementA, engagementB } = await makeAuditedOrg();
    const theirs = await makeOrg();
    const theirEngagement = await makeEngagement(theirs);
    await setEngagementArchived(
      team,
      engagementB.id,
      true,
      await versionOf("engagement", engagementB.id),
    );
    const count = await auditorInvitations(team.orgId);

    for (const engagementIds of [
      [theirEngagement.id],
      [engagementA.id, theirEngagement.id],
      [engagementB.id],
      ["no-such-engagement"],
    ]) {
      await expectAppError(
        inviteAuditor(team, { email: uniqueEmail(), engagementIds, lastDay: dayAfter(10) }),
        "NOT_FOUND",
      );
    }
    expect(await auditorInvitations(team.orgId)).toBe(count);
    expect(await auditorInvitations(theirs.orgId)).toBe(0);
  });

  it("to let a team member accept an auditor invitation: CONFLICT, and it stays pending", async () => {
    const { team, engagementA } = await makeAuditedOrg();
    const user = await makeUser();
    const auditorInvitation = await inviteAuditor(team, {
      email: user.email,
      engagementIds: [engagementA.id],
      lastDay: dayAfter(10),
    });
    await acceptInvitation(
      user,
      (await createInvitation(team, { email: user.email, role: "editor" })).token,
    );

    await expectAppError(
      acceptInvitation(user, auditorInvitation.token),
      "CONFLICT",
      /already a team member/,
    );

    expect(await resolveOrgContext(user.userId, team.orgSlug)).toMatchObject({ role: "editor" });
    expect(await getDb().auditorAccess.count({ where: { userId: user.userId } })).toBe(0);
    expect(
      await getDb().invitation.findUniqueOrThrow({
        where: { id: auditorInvitation.id },
        select: { acceptedAt: true },
      }),
    ).toEqual({ acceptedAt: null });
  });
});
