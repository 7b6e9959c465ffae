import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import { recordException } from "@/lib/db/exceptions";
import { IdParam } from "@/lib/schemas/text";
import { makeAuditor } from "./auditor-fixture";
import {
  criterion,
  makeControl,
  makeEngagement,
  makeOrg,
  makeUser,
  noteEvidenceInput,
} from "./helpers";
import { signInAs } from "./signed-in";

// NUL (and the other control characters) sent to every text field of every action, to route
// parameters and to query parameters: PostgreSQL refuses NUL in text, which used to surface as a
// 500 after the row was half-way to being written. Now: VALIDATION with the field's message, or
// NOT_FOUND for an id in the URL, and nothing written. Runs on SQLite and PostgreSQL.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({
      host: "assay.test",
      "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250)}`,
    }),
}));

const { signUpAction } = await import("@/app/sign-up/actions");
const { createOrganizationAction } = await import("@/app/orgs/new/actions");
const { renameOrganizationAction } = await import("@/app/o/[orgSlug]/settings/actions");
const { inviteMemberAction } = await import("@/app/o/[orgSlug]/members/actions");
const { createControlAction } = await import("@/app/o/[orgSlug]/controls/actions");
const { checkControlImportAction } = await import("@/app/o/[orgSlug]/controls/import/actions");
const {
  addEventAction,
  addLinkEvidenceAction,
  addNoteEvidenceAction,
  importPopulationAction,
  recordExceptionAction,
  remediateExceptionAction,
} = await import("@/app/o/[orgSlug]/controls/[controlId]/actions");
const { createObjectiveAction } = await import("@/app/o/[orgSlug]/objectives/actions");
const { createEngagementAction, markNotApplicableAction } =
  await import("@/app/o/[orgSlug]/engagements/actions");
const { inviteAuditorAction } = await import("@/app/o/[orgSlug]/auditors/actions");
const { createRequestAction, closeRequestAction } =
  await import("@/app/o/[orgSlug]/requests/actions");
const { GET: exportRun } = await import("@/app/api/orgs/[orgSlug]/exports/[runId]/route");
const { GET: evidenceFile } =
  await import("@/app/api/orgs/[orgSlug]/evidence/[evidenceId]/file/route");
const { POST: createInvitation } = await import("@/app/api/orgs/[orgSlug]/invitations/route");

type Result = { ok: boolean; code?: string; fieldErrors?: Record<string, string[]> };
type Action = (previous: unknown, formData: FormData) => Promise<Result>;

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
}

/** Everything a refused call might have written, for the organisation and overall. */
async function footprint(orgId: string): Promise<number[]> {
  const db = getDb();
  const where = { organizationId: orgId };
  return Promise.all([
    db.activityLogEntry.count({ where }),
    db.control.count({ where }),
    db.evidence.count({ where }),
    db.invitation.count({ where }),
    db.user.count(),
    db.organization.count(),
  ]);
}

describe("a NUL byte in a text field", () => {
  let owner: UserContext;
  let ctx: OrgContext;
  let controlId: string;
  let engagementId: string;
  let exceptionId: string;
  let requestId: string;
  let auditor: UserContext;

  beforeEach(async () => {
    owner = await makeUser();
    ctx = await makeOrg(owner);
    signInAs(owner);
    controlId = (await makeControl(ctx)).id;
    engagementId = (await makeEngagement(ctx)).id;
    exceptionId = (
      await recordException(ctx, {
        controlId,
        date: "2026-02-01",
        description: "Review skipped",
        severity: "low",
      })
    ).id;
    auditor = (await makeAuditor(ctx, [engagementId])).user;
    signInAs(auditor);
    const request = await createRequestAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        engagementId,
        requirementId: criterion("CC6.1"),
        body: "Please send the Q1 review.",
      }),
    );
    if (!request.ok) throw new Error(`request: ${JSON.stringify(request)}`);
    requestId = (
      await getDb().auditorRequest.findFirstOrThrow({
        where: { organizationId: ctx.orgId },
        select: { id: true },
      })
    ).id;
    signInAs(owner);
  });

  const evidence = { controlIds: "", purpose: "operating", effectiveDate: "2026-03-31" };
  // [name, action, the valid fields, the field that gets the NUL, whether the auditor sends it]
  const cases: [string, () => Action, () => Record<string, string>, string, boolean?][] = [
    [
      "sign-up name",
      () => signUpAction,
      () => ({ name: "Ada", email: "ada-nul@example.com", password: "correct horse battery" }),
      "name",
    ],
    [
      "sign-up email",
      () => signUpAction,
      () => ({ name: "Ada", email: "ada-nul@example.com", password: "correct horse battery" }),
      "email",
    ],
    ["organisation name", () => createOrganizationAction, () => ({ name: "Nul Labs" }), "name"],
    [
      "renamed organisation",
      () => renameOrganizationAction,
      () => ({ orgSlug: ctx.orgSlug, name: "Renamed" }),
      "name",
    ],
    [
      "member invitation email",
      () => inviteMemberAction,
      () => ({ orgSlug: ctx.orgSlug, email: "new@example.com", role: "viewer" }),
      "email",
    ],
    [
      "control ref",
      () => createControlAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ref: "AC-77",
        title: "Access review",
        description: "Quarterly.",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
      "ref",
    ],
    [
      "control title",
      () => createControlAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ref: "AC-77",
        title: "Access review",
        description: "Quarterly.",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
      "title",
    ],
    [
      "control description",
      () => createControlAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ref: "AC-77",
        title: "Access review",
        description: "Quarterly.",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
      "description",
    ],
    [
      "control CSV",
      () => checkControlImportAction,
      () => ({ orgSlug: ctx.orgSlug, csv: "ref,title\nAC-78,Review\n" }),
      "csv",
    ],
    [
      "note title",
      () => addNoteEvidenceAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ...evidence,
        controlIds: controlId,
        title: "Q1 review",
        note: "All accounts reviewed.",
      }),
      "title",
    ],
    [
      "note",
      () => addNoteEvidenceAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ...evidence,
        controlIds: controlId,
        title: "Q1 review",
        note: "All accounts reviewed.",
      }),
      "note",
    ],
    [
      "link",
      () => addLinkEvidenceAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ...evidence,
        controlIds: controlId,
        title: "Ticket",
        url: "https://tickets.example.com/1",
      }),
      "url",
    ],
    [
      "control id of evidence",
      () => addNoteEvidenceAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ...evidence,
        controlIds: controlId,
        title: "Q1 review",
        note: "All accounts reviewed.",
      }),
      "controlIds",
    ],
    [
      "event reference",
      () => addEventAction,
      () => ({
        orgSlug: ctx.orgSlug,
        controlId,
        date: "2026-02-02",
        reference: "CHG-1",
        description: "Deploy",
      }),
      "reference",
    ],
    [
      "event description",
      () => addEventAction,
      () => ({
        orgSlug: ctx.orgSlug,
        controlId,
        date: "2026-02-02",
        reference: "CHG-1",
        description: "Deploy",
      }),
      "description",
    ],
    [
      "population CSV",
      () => importPopulationAction,
      () => ({ orgSlug: ctx.orgSlug, controlId, csv: "date,reference\n2026-02-03,CHG-2\n" }),
      "csv",
    ],
    [
      "exception description",
      () => recordExceptionAction,
      () => ({
        orgSlug: ctx.orgSlug,
        controlId,
        date: "2026-02-04",
        description: "Missed review",
        severity: "low",
      }),
      "description",
    ],
    [
      "remediation note",
      () => remediateExceptionAction,
      () => ({
        orgSlug: ctx.orgSlug,
        exceptionId,
        remediationNote: "Reviewed late.",
        version: "0",
      }),
      "remediationNote",
    ],
    [
      "objective title",
      () => createObjectiveAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ref: "OBJ-9",
        area: "business",
        title: "Payments",
        objective: "Payments are processed completely.",
      }),
      "title",
    ],
    [
      "objective",
      () => createObjectiveAction,
      () => ({
        orgSlug: ctx.orgSlug,
        ref: "OBJ-9",
        area: "business",
        title: "Payments",
        objective: "Payments are processed completely.",
      }),
      "objective",
    ],
    [
      "engagement name",
      () => createEngagementAction,
      () => ({
        orgSlug: ctx.orgSlug,
        name: "SOC 2 2027",
        family: "SOC2",
        type: "TYPE_I",
        asOfDate: "2027-06-30",
        cuecs: "Users review access.",
      }),
      "name",
    ],
    [
      "CUECs",
      () => createEngagementAction,
      () => ({
        orgSlug: ctx.orgSlug,
        name: "SOC 2 2027",
        family: "SOC2",
        type: "TYPE_I",
        asOfDate: "2027-06-30",
        cuecs: "Users review access.",
      }),
      "cuecs",
    ],
    [
      "not-applicable justification",
      () => markNotApplicableAction,
      () => ({
        orgSlug: ctx.orgSlug,
        engagementId,
        requirementId: criterion("CC6.1"),
        justification: "We run no such systems at all.",
      }),
      "justification",
    ],
    [
      "auditor email",
      () => inviteAuditorAction,
      () => ({
        orgSlug: ctx.orgSlug,
        email: "auditor@example.com",
        engagementIds: engagementId,
        lastDay: "2099-01-01",
      }),
      "email",
    ],
    [
      "request",
      () => createRequestAction,
      () => ({
        orgSlug: ctx.orgSlug,
        engagementId,
        requirementId: criterion("CC6.1"),
        body: "Please send the Q2 review.",
      }),
      "body",
      true,
    ],
    [
      "request answer",
      () => closeRequestAction,
      () => ({ orgSlug: ctx.orgSlug, requestId, answer: "Attached." }),
      "answer",
    ],
  ];

  it.each(cases)(
    "%s: VALIDATION with the field's message, nothing written",
    async (_label, action, fields, field, byAuditor) => {
      const valid = fields();
      if (byAuditor) signInAs(auditor);
      const before = await footprint(ctx.orgId);
      const result = await action()(
        null,
        form({ ...valid, [field]: `${valid[field]?.slice(0, 2)}\u0000${valid[field]?.slice(2)}` }),
      );
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      const message =
        field === "cuecs"
          ? "Line 1: Remove the control character at position 3."
          : "Remove the control character at position 3.";
      // A list field's message is keyed by its entry ("controlIds.0").
      const messages = Object.entries(result.fieldErrors ?? {}).flatMap(([key, list]) =>
        key === field || key.startsWith(`${field}.`) ? list : [],
      );
      expect(messages).toContain(message);
      expect(await footprint(ctx.orgId)).toEqual(before);
    },
  );

  // (A lone surrogate cannot arrive in a form: FormData turns it into U+FFFD. The unit tests cover it.)
  it("refuses the other control characters the same way", async () => {
    for (const bad of ["\u0007", "\u001b", "\u007f", "\u0085", "\u009f"]) {
      const result = await createControlAction(
        null,
        form({
          orgSlug: ctx.orgSlug,
          ref: "AC-79",
          title: `Ac${bad}cess review`,
          status: "draft",
          frequency: "quarterly",
          nature: "manual",
        }),
      );
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    expect(
      await getDb().control.count({ where: { organizationId: ctx.orgId, ref: "AC-79" } }),
    ).toBe(0);
  });

  it("keeps tabs and line breaks in multi-line text, CRLF stored as newline", async () => {
    const result = await addNoteEvidenceAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        ...evidence,
        controlIds: controlId,
        title: "Q1 review",
        note: "Line one\r\n\tLine two",
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const stored = await getDb().evidence.findFirstOrThrow({
      where: { organizationId: ctx.orgId, title: "Q1 review" },
      select: { note: true },
    });
    expect(stored.note).toBe("Line one\n\tLine two");
  });

  it("answers arguments sent as JSON instead of a form with VALIDATION, not INTERNAL", async () => {
    const asJson = createControlAction as unknown as (
      previous: unknown,
      args: unknown,
    ) => Promise<Result>;
    expect(await asJson(null, { orgSlug: ctx.orgSlug, ref: "AC-80" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await asJson(null, "AC-80")).toMatchObject({ ok: false, code: "VALIDATION" });
    const signUp = signUpAction as unknown as (previous: unknown, args: unknown) => Promise<Result>;
    expect(await signUp(null, [1, 2, 3])).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});

describe("route and query parameters", () => {
  let ctx: OrgContext;
  let evidenceId: string;

  beforeEach(async () => {
    const owner = await makeUser();
    ctx = await makeOrg(owner);
    signInAs(owner);
    const control = await makeControl(ctx);
    evidenceId = (await addNoteEvidence(ctx, noteEvidenceInput([control.id]))).id;
  });

  const get = (url: string) => new NextRequest(`http://assay.test${url}`);
  const status = async (response: Promise<Response>) => (await response).status;

  it("records ids are what IdParam accepts", () => {
    expect(IdParam.safeParse(evidenceId).success).toBe(true);
    expect(IdParam.safeParse(ctx.orgId).success).toBe(true);
  });

  it("answers NOT_FOUND to a route parameter that is not an id (NUL included), never 500", async () => {
    for (const runId of ["\u0000", "%00", "not-an-id", `${evidenceId}\u0000`]) {
      const response = await exportRun(get(`/api/orgs/${ctx.orgSlug}/exports/x`), {
        params: Promise.resolve({ orgSlug: ctx.orgSlug, runId }),
      });
      expect(response.status, JSON.stringify(runId)).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
    expect(
      await status(
        evidenceFile(get(`/api/orgs/${ctx.orgSlug}/evidence/x/file`), {
          params: Promise.resolve({ orgSlug: ctx.orgSlug, evidenceId: "\u0000" }),
        }),
      ),
    ).toBe(404);
  });

  it("answers VALIDATION, under the parameter's name, to a query parameter with NUL", async () => {
    const response = await evidenceFile(
      get(`/api/orgs/${ctx.orgSlug}/evidence/${evidenceId}/file?inline=%00`),
      { params: Promise.resolve({ orgSlug: ctx.orgSlug, evidenceId }) },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "VALIDATION",
        fieldErrors: { inline: ["Remove the control character at position 1."] },
      },
    });
  });

  it("refuses NUL in a JSON route body with the field's message and writes nothing", async () => {
    const request = new NextRequest(`http://assay.test/api/orgs/${ctx.orgSlug}/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x\u0000y@example.com", role: "viewer" }),
    });
    const response = await createInvitation(request, {
      params: Promise.resolve({ orgSlug: ctx.orgSlug }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "VALIDATION",
        fieldErrors: { email: ["Remove the control character at position 2."] },
      },
    });
    expect(await getDb().invitation.count({ where: { organizationId: ctx.orgId } })).toBe(0);
  });
});
