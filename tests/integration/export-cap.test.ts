import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startExport } from "@/lib/db/exports";
import { EXPORT_STALE_MS, MAX_RUNNING_EXPORTS_PER_MEMBER } from "@/lib/domain/export/snapshot";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// One member cannot fill the export process's queue: a few exports may run at once, the next is
// refused until one finishes. Others in the organisation are not held up by it.

describe("exports running at once", () => {
  it(`refuses a member's export beyond ${MAX_RUNNING_EXPORTS_PER_MEMBER} running, not another member's, and again once one finished`, async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const started: string[] = [];
    for (let i = 0; i < MAX_RUNNING_EXPORTS_PER_MEMBER; i += 1)
      started.push((await startExport(ctx, engagement.id, "json")).id);

    await expectAppError(startExport(ctx, engagement.id, "pdf"), "RATE_LIMITED");
    expect(await getDb().exportRun.count({ where: { organizationId: ctx.orgId } })).toBe(
      MAX_RUNNING_EXPORTS_PER_MEMBER,
    );

    const editor = await addMember(ctx, "editor");
    await expect(startExport(editor.ctx, engagement.id, "json")).resolves.toBeTruthy();

    await getDb().exportRun.update({ where: { id: started[0] }, data: { status: "done" } });
    await expect(startExport(ctx, engagement.id, "pdf")).resolves.toBeTruthy();
  });

  it("does not count a run that died with its process (no progress for the stale time)", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const now = new Date();
    const long = new Date(now.getTime() - EXPORT_STALE_MS - 1000);
    for (let i = 0; i < MAX_RUNNING_EXPORTS_PER_MEMBER; i += 1)
      await startExport(ctx, engagement.id, "json", long);
    await expect(startExport(ctx, engagement.id, "json", now)).resolves.toBeTruthy();
  });
});
