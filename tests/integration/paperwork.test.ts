import { extractText, getDocumentProxy } from "unpdf";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { updateControl } from "@/lib/db/controls";
import { addNoteEvidence } from "@/lib/db/evidence";
import { remediateException } from "@/lib/db/exceptions";
import { setControlMappings, setRequirementControls } from "@/lib/db/mappings";
import { changesSince } from "@/lib/db/paperwork";
import { isoDateOf } from "@/lib/domain/dates";
import { MAX_PAPERWORK_CHARS } from "@/lib/schemas/paperwork";
import {
  addMember,
  controlInput,
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeException,
  makeOrg,
  makeUser,
  noteEvidenceInput,
} from "./helpers";
import { versionOf } from "./version-of";
import { signInAs } from "./signed-in";

// The PDF route is called the way a browser would, as the signed-in user of our choosing.
vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { POST: pdfRoute } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/paperwork/pdf/route");

function dayBefore(isoDate: string): string {
  return isoDateOf(new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000));
}

/** An organisation with a security-only SOC 2 engagement, AC-01 mapped to CC6.1 and OUT-01 mapped outside its scope. */
async function setUp(ctx?: OrgContext) {
  const org = ctx ?? (await makeOrg());
  const engagement = await makeEngagement(org, { categories: [] });
  const inScope = await makeControl(org, { ref: "AC-01" });
  const outside = await makeControl(org, { ref: "OUT-01" });
  await setControlMappings(org, inScope.id, [criterion("CC6.1")], []);
  await setControlMappings(org, outside.id, [criterion("A1.1")], []);
  return { ctx: org, engagement, inScope, outside };
}

describe("changesSince", () => {
  it("describes the changes to the engagement's controls, mappings, evidence and exceptions, oldest first", async () => {
    const today = isoDateOf(new Date());
    const { ctx, engagement, inScope, outside } = await setUp();
    await updateControl(
      ctx,
      inScope.id,
      controlInput({ ref: "AC-01", title: "Quarterly access review" }),
      await versionOf("control", inScope.id),
    );
    await updateControl(
      ctx,
      outside.id,
      controlInput({ ref: "OUT-01", title: "Not in this engagement" }),
      await versionOf("control", outside.id),
    );
    await addNoteEvidence(ctx, noteEvidenceInput([inScope.id]));
    await addNoteEvidence(ctx, noteEvidenceInput([inScope.id]));
    await addNoteEvidence(ctx, noteEvidenceInput([outside.id]));
    await makeException(ctx, inScope.id);
    await makeException(ctx, outside.id);
    const cc62 = await makeControl(ctx, { ref: "AC-02" });
    await setRequirementControls(ctx, "criterion", criterion("CC6.2"), [cc62.id]);

    const changes = await changesSince(ctx, engagement.id, dayBefore(today));

    expect(changes.map((change) => change.text)).toEqual([
      "Control AC-01 created",
      "Control AC-01 mapped to CC6.1",
      "Control AC-01 updated",
      "Evidence added to AC-01 (2 times)",
      "Exception recorded on AC-01",
      "Control AC-02 created",
      "Controls for CC6.2 changed: added AC-02",
    ]);
    expect(changes.every((change) => change.date >= today)).toBe(true);
  });

  it("leaves out what happened on or before the day, and after `until`", async () => {
    const { ctx, engagement, inScope } = await setUp();
    const { id } = await makeException(ctx, inScope.id);
    await remediateException(
      ctx,
      id,
      "Reviewed late.",
      await versionOf("exception", id),
      new Date("2025-06-01T12:00:00.000Z"),
    );
    const today = isoDateOf(new Date());

    expect(await changesSince(ctx, engagement.id, "2025-05-31", { until: "2025-06-01" })).toEqual([
      { date: "2025-06-01", text: "Exception on AC-01 remediated" },
    ]);
    expect(await changesSince(ctx, engagement.id, "2025-06-01", { until: "2025-12-31" })).toEqual(
      [],
    );
    expect(await changesSince(ctx, engagement.id, today)).toEqual([]);
  });

  it("caps the list and sums up the rest", async () => {
    const today = isoDateOf(new Date());
    const { ctx, engagement } = await setUp();
    for (const ref of ["AC-11", "AC-12", "AC-13"]) {
      const control = await makeControl(ctx, { ref });
      await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    }

    const changes = await changesSince(ctx, engagement.id, dayBefore(today), { limit: 3 });

    expect(changes.map((change) => change.text)).toEqual([
      "Control AC-01 created",
      "Control AC-01 mapped to CC6.1",
      "Control AC-11 created",
      "… and 5 more changes up to this day (see the activity log)",
    ]);
  });

  it("answers any member who can view the organisation, a viewer included", async () => {
    const today = isoDateOf(new Date());
    const { ctx, engagement } = await setUp();
    const viewer = await addMember(ctx, "viewer");

    expect(await changesSince(viewer.ctx, engagement.id, dayBefore(today))).toEqual(
      await changesSince(ctx, engagement.id, dayBefore(today)),
    );
  });

  it("refuses a malformed day", async () => {
    const { ctx, engagement } = await setUp();

    await expectAppError(changesSince(ctx, engagement.id, "31/12/2026"), "VALIDATION");
    await expectAppError(
      changesSince(ctx, engagement.id, "2026-12-31", { until: "2027-02-30" }),
      "VALIDATION",
    );
  });
});

describe("another organisation's changes", () => {
  it("are never listed, and its engagement is not found", async () => {
    const today = isoDateOf(new Date());
    const ours = await setUp();
    const theirs = await setUp();
    await updateControl(
      theirs.ctx,
      theirs.inScope.id,
      controlInput({ ref: "AC-01", title: "Theirs" }),
      await versionOf("control", theirs.inScope.id),
    );

    await expectAppError(
      changesSince(ours.ctx, theirs.engagement.id, dayBefore(today)),
      "NOT_FOUND",
    );
    await expectAppError(
      changesSince(ours.ctx, "no-such-engagement", dayBefore(today)),
      "NOT_FOUND",
    );
    expect(
      (await changesSince(ours.ctx, ours.engagement.id, dayBefore(today))).map(
        (change) => change.text,
      ),
    ).toEqual(["Control AC-01 created", "Control AC-01 mapped to CC6.1"]);
  });
});

describe("the paperwork PDF route", () => {
  const ORIGIN = "http://assay.test";
  const DRAFT =
    "> **DRAFT for management review — not for issue.**\n\n# Management's assertion (draft)\n\nWe confirm <b>this</b>.";

  function post(
    orgSlug: string,
    engagementId: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const request = new NextRequest(
      `${ORIGIN}/o/${orgSlug}/engagements/${engagementId}/paperwork/pdf`,
      {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
    );
    return pdfRoute(request, { params: Promise.resolve({ orgSlug, engagementId }) });
  }

  async function errorOf(
    response: Response,
  ): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
    return (
      (await response.json()) as {
        error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
      }
    ).error;
  }

  it("gives any member who can see the engagement, a viewer included, the edited draft as a PDF attachment", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, { name: "SOC 2 Type II 2026" });
    const viewer = await addMember(ctx, "viewer");
    signInAs(viewer.user);

    const response = await post(ctx.orgSlug, engagement.id, { kind: "assertion", markdown: DRAFT });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="management-assertion-draft-soc-2-type-ii-2026-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const pdf = new Uint8Array(await response.arrayBuffer());
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    expect(text).toContain("DRAFT for management review");
    expect(text).toContain("We confirm <b>this</b>.");
    expect(text).toContain(
      `${ctx.orgName} · SOC 2 Type II 2026 · DRAFT, not for issue · page 1 of 1`,
    );
  });

  it("answers not found to a non-member and for another organisation's engagement, and refuses the signed-out", async () => {
    const ours = await makeOrg();
    const theirs = await makeOrg();
    const theirEngagement = await makeEngagement(theirs);
    const ourEngagement = await makeEngagement(ours);

    signInAs(await makeUser());
    expect(
      (await post(ours.orgSlug, ourEngagement.id, { kind: "assertion", markdown: DRAFT })).status,
    ).toBe(404);

    signInAs((await addMember(ours, "viewer")).user);
    const crossTenant = await post(ours.orgSlug, theirEngagement.id, {
      kind: "assertion",
      markdown: DRAFT,
    });
    expect(crossTenant.status).toBe(404);
    expect((await errorOf(crossTenant)).code).toBe("NOT_FOUND");

    signInAs(null);
    expect(
      (await post(ours.orgSlug, ourEngagement.id, { kind: "assertion", markdown: DRAFT })).status,
    ).toBe(401);
  });

  it("refuses a cross-origin request", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    signInAs((await addMember(ctx, "editor")).user);

    const response = await post(
      ctx.orgSlug,
      engagement.id,
      { kind: "assertion", markdown: DRAFT },
      { origin: "https://evil.example" },
    );

    expect(response.status).toBe(403);
  });

  it("validates the body: kind, an empty or too long draft, malformed or oversized JSON", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    signInAs((await addMember(ctx, "viewer")).user);

    const badKind = await post(ctx.orgSlug, engagement.id, { kind: "opinion", markdown: DRAFT });
    expect(badKind.status).toBe(400);
    expect((await errorOf(badKind)).fieldErrors?.kind).toEqual([
      "Choose a management assertion or a bridge letter.",
    ]);

    const empty = await post(ctx.orgSlug, engagement.id, { kind: "bridge", markdown: "  \n " });
    expect((await errorOf(empty)).fieldErrors?.markdown).toEqual(["The draft is empty."]);

    const long = await post(ctx.orgSlug, engagement.id, {
      kind: "assertion",
      markdown: "x".repeat(MAX_PAPERWORK_CHARS + 1),
    });
    expect(long.status).toBe(400);
    expect((await errorOf(long)).fieldErrors?.markdown?.[0]).toMatch(/under 200,000 characters/);

    expect((await post(ctx.orgSlug, engagement.id, "{not json")).status).toBe(400);
    expect(
      (
        await post(
          ctx.orgSlug,
          engagement.id,
          { kind: "assertion", markdown: DRAFT },
          { "content-type": "text/plain" },
        )
      ).status,
    ).toBe(400);
    const huge = await post(ctx.orgSlug, engagement.id, {
      kind: "assertion",
      markdown: "\u0001".repeat(MAX_PAPERWORK_CHARS),
    });
    expect(huge.status).toBe(413);
  });
});
