import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { loadPaperworkDraft, savePaperworkDraft } from "@/lib/db/paperwork-drafts";
import { addMember, entries, expectAppError, makeEngagement, makeOrg } from "./helpers";

describe("paperwork drafts on the server", () => {
  it("keeps a version on every save, refuses a stale one and logs before and after", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const input = { engagementId: engagement.id, kind: "assertion" as const };
    expect(await loadPaperworkDraft(ctx, engagement.id, "assertion")).toBeNull();
    const first = await savePaperworkDraft(ctx, { ...input, markdown: "# Draft one", version: 0 });
    const second = await savePaperworkDraft(ctx, {
      ...input,
      markdown: "# Draft two\n\n| a | b |\n| - | - |",
      version: first.version,
    });
    expect(second.currentVersion).toBe(2);
    await expectAppError(
      savePaperworkDraft(ctx, { ...input, markdown: "lost", version: first.version }),
      "CONFLICT",
    );
    const loaded = await loadPaperworkDraft(ctx, engagement.id, "assertion");
    expect(loaded?.body).toContain("Draft two");
    expect(
      await getDb().paperworkDraftVersion.count({
        where: { draft: { engagementId: engagement.id } },
      }),
    ).toBe(2);
    const logged = (await entries(ctx.orgId)).filter((entry) => entry.action === "paperwork.saved");
    expect(logged.at(-1)?.before).toMatchObject({ body: "# Draft one" });
  });

  it("lets viewers read only and answers not found across organisations", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const engagement = await makeEngagement(ctx);
    await savePaperworkDraft(ctx, {
      engagementId: engagement.id,
      kind: "assertion",
      markdown: "Text",
      version: 0,
    });
    expect((await loadPaperworkDraft(viewer.ctx, engagement.id, "assertion"))?.body).toBe("Text");
    await expectAppError(
      savePaperworkDraft(viewer.ctx, {
        engagementId: engagement.id,
        kind: "assertion",
        markdown: "No",
        version: 1,
      }),
      "FORBIDDEN",
    );
    const stranger = await makeOrg();
    await expectAppError(loadPaperworkDraft(stranger, engagement.id, "assertion"), "NOT_FOUND");
  });
});
