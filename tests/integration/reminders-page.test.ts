import { describe, expect, it } from "vitest";
import { issueCalendarToken } from "@/lib/db/calendar-feed";
import { getDb } from "@/lib/db/client";
import { setDigestFrequency } from "@/lib/db/reminders";
import { loadRemindersPage } from "@/lib/db/reminders-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The reminders page's one loader: the member's own digest setting and calendar feed, dated in
// the organisation's time zone; not for outside auditors.

describe("loadRemindersPage", () => {
  it("gives a member their own digest setting and feed, dated in the organisation's zone", async () => {
    const ctx = await makeOrg();
    await getDb().organization.update({
      where: { id: ctx.orgId },
      data: { timeZone: "Pacific/Auckland" },
    });
    const viewer = await addMember(ctx, "viewer");
    const start = await loadRemindersPage(viewer.ctx);
    expect(start).toEqual({
      orgSlug: ctx.orgSlug,
      orgName: ctx.orgName,
      timeZone: "Pacific/Auckland",
      settings: { digestFrequency: "weekly", version: start.settings.version },
      feed: { active: false, issued: null },
    });

    await setDigestFrequency(viewer.ctx, "daily", start.settings.version);
    // 20:00 UTC on 1 March is already 2 March in Auckland.
    await issueCalendarToken(viewer.ctx, new Date("2026-03-01T20:00:00Z"));
    const after = await loadRemindersPage(viewer.ctx);
    expect(after.settings.digestFrequency).toBe("daily");
    expect(after.feed).toEqual({ active: true, issued: "2 Mar 2026" });
    // The owner's own setting and feed are untouched.
    expect(await loadRemindersPage(ctx)).toMatchObject({
      settings: { digestFrequency: "weekly" },
      feed: { active: false, issued: null },
    });
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadRemindersPage(auditor.ctx), "NOT_FOUND");
  });
});
