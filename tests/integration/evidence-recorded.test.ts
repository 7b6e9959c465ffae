import { describe, expect, it } from "vitest";
import { evidenceNames } from "@/components/requests/request-card";
import { createAuditorRequest } from "@/lib/db/auditor-requests";
import { listRequests } from "@/lib/db/request-views";
import { replyToRequest } from "@/lib/db/request-threads";
import { getDb } from "@/lib/db/client";
import { loadControlPage } from "@/lib/db/control-page";
import { addNoteEvidence } from "@/lib/db/evidence";
import { makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import { criterion, makeControl, makeEngagement, makeOrg, noteEvidenceInput } from "./helpers";
import { setControlMappings } from "@/lib/db/mappings";

// Evidence shows when it was recorded and by whom next to the date it is effective for, on the
// organisation's clock, for the team and for an auditor alike.

const TODAY = "2026-04-15";

describe("evidence on the control page", () => {
  it("carries when it was recorded, in the organisation's time zone, and by whom", async () => {
    const ctx = await makeOrg();
    await getDb().organization.update({
      where: { id: ctx.orgId },
      data: { timeZone: "Europe/Warsaw" },
    });
    const engagement = await makeEngagement(ctx);
    const control = await makeControl(ctx);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const { id } = await addNoteEvidence(
      ctx,
      noteEvidenceInput([control.id], { title: "Q1 review" }),
    );
    // Recorded late in the evening UTC: already the next day in Warsaw (UTC+2 in April).
    await getDb().evidence.update({
      where: { id },
      data: { createdAt: new Date("2026-04-02T22:30:00Z") },
    });
    const owner = await getDb().user.findUniqueOrThrow({
      where: { id: ctx.userId },
      select: { name: true },
    });

    const page = await loadControlPage(ctx, control.id, TODAY, {});
    expect(page.evidence).toEqual([
      expect.objectContaining({
        title: "Q1 review",
        effectiveDate: "2026-03-31",
        recordedAt: "3 Apr 2026, 00:30 (Europe/Warsaw)",
        uploadedBy: owner.name,
      }),
    ]);

    const auditor = await makeAuditor(ctx, [engagement.id]);
    const seen = await loadControlPage(auditor.ctx, control.id, TODAY, {});
    expect(seen.evidence[0]).toMatchObject({
      recordedAt: "3 Apr 2026, 00:30 (Europe/Warsaw)",
      uploadedBy: owner.name,
    });
  });
});

describe("evidence on a request", () => {
  it("says when each attached item was recorded and by whom, on the auditor's request card", async () => {
    const { editor, auditor, engagementA, controlA } = await makeAuditedOrg();
    const { id: requestId } = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      controlId: controlA.id,
      body: "Send the Q1 reconciliation.",
    });
    const evidence = await addNoteEvidence(
      editor.ctx,
      noteEvidenceInput([controlA.id], { title: "Q1 reconciliation" }),
    );
    await getDb().evidence.update({
      where: { id: evidence.id },
      data: { createdAt: new Date("2026-04-02T10:15:00Z") },
    });
    const { version } = await getDb().auditorRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { version: true },
    });
    await replyToRequest(editor.ctx, {
      requestId,
      intent: "answer",
      version,
      body: "Attached.",
      evidenceIds: [evidence.id],
    });

    const [view] = await listRequests(auditor.ctx, {}, TODAY);
    expect(view?.messages[0]?.evidence).toEqual([
      {
        id: evidence.id,
        title: "Q1 reconciliation",
        recordedAt: new Date("2026-04-02T10:15:00Z"),
        recordedBy: editor.user.name,
      },
    ]);
    expect(evidenceNames(view?.messages[0]?.evidence ?? [])).toBe(
      `Q1 reconciliation (recorded 2 Apr 2026, 10:15 UTC by ${editor.user.name})`,
    );
  });
});
