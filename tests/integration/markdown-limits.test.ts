import { NextRequest } from "next/server";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { getDb } from "@/lib/db/client";
import { addNoteEvidence, listControlEvidence } from "@/lib/db/evidence";
import { addMember, makeControl, makeEngagement, makeOrg, noteEvidenceInput } from "./helpers";
import { signInAs } from "./signed-in";

// Findings 1 and 2 of issue #11: Markdown that took the parser tens of seconds (and overflowed
// React's stack on the control page) is refused with a field message before anything parses it,
// and a note stored before the limits existed is shown as plain text, never parsed.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

const { addNoteEvidenceAction } = await import("@/app/o/[orgSlug]/controls/[controlId]/actions");
const { POST: paperworkPdf } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/paperwork/pdf/route");

const FINDING_1 = `${"- ".repeat(5000)}x`;
const FINDING_2 = `${"> ".repeat(50_000)}x`;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const noop = async () => ({ ok: true as const, data: null });

describe("Markdown limits", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("the note action refuses finding 1's list run with a field message and writes nothing", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    signInAs((await addMember(ctx, "editor")).user);
    const activityBefore = await getDb().activityLogEntry.count({
      where: { organizationId: ctx.orgId },
    });

    const result = await addNoteEvidenceAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        controlIds: control.id,
        purpose: "design",
        title: "Access review",
        effectiveDate: "2026-03-31",
        note: FINDING_1,
      }),
    );

    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        note: ["Lists and quotes nest at most 8 levels deep; this note goes 5,000 deep at line 1."],
      },
    });
    expect(await getDb().evidence.count({ where: { organizationId: ctx.orgId } })).toBe(0);
    expect(await getDb().activityLogEntry.count({ where: { organizationId: ctx.orgId } })).toBe(
      activityBefore,
    );

    const ordinary = await addNoteEvidenceAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        controlIds: control.id,
        purpose: "design",
        title: "Access review",
        effectiveDate: "2026-03-31",
        note: "- reviewed\n  - **all** accounts",
      }),
    );
    expect(ordinary).toMatchObject({ ok: true });
  });

  it("shows a note stored before the limits as plain text on the control's evidence list, without parsing it", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    // Written the way the database held it before: past the schema, straight through the data layer.
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([control.id], { title: "Old note", note: FINDING_1 }),
    );
    const items = await listControlEvidence(ctx, control.id);

    const html = renderToString(
      createElement(EvidenceList, {
        orgSlug: ctx.orgSlug,
        items: items.map((item) => ({ ...item, recordedAt: "1 Apr 2026, 10:00 (UTC)" })),
        canEdit: false,
        currentControlId: control.id,
        controls: [],
        deleteAction: noop,
        linkAction: noop,
      }),
    );

    expect(html).toContain("Shown as plain text: its formatting is beyond what notes may hold.");
    expect(html).toContain(
      `<pre class="whitespace-pre-wrap break-words font-sans">${FINDING_1}</pre>`,
    );
    // The list's own item, and no list parsed out of the note.
    expect(html.match(/<li/g)).toHaveLength(1);
  });

  it("the paperwork PDF route refuses finding 2's quote run with a field message", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    signInAs((await addMember(ctx, "viewer")).user);
    const request = new NextRequest(
      `http://assay.test/o/${ctx.orgSlug}/engagements/${engagement.id}/paperwork/pdf`,
      {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://assay.test" },
        body: JSON.stringify({ kind: "assertion", markdown: FINDING_2 }),
      },
    );

    const response = await paperworkPdf(request, {
      params: Promise.resolve({ orgSlug: ctx.orgSlug, engagementId: engagement.id }),
    });

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { code: string; fieldErrors?: Record<string, string[]> };
    };
    expect(error).toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        markdown: [
          "Lists and quotes nest at most 8 levels deep; this draft goes 50,000 deep at line 1.",
        ],
      },
    });
  });
});
