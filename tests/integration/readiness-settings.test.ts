import { describe, expect, it } from "vitest";
import { bulkUpdateControls, createControl, getControl, updateControl } from "@/lib/db/controls";
import { getReadinessSettings, updateReadinessSettings } from "@/lib/db/organization-settings";
import { renameOrganization } from "@/lib/db/organizations";
import { ReadinessSettingsInput } from "@/lib/schemas/organization";
import {
  addMember,
  controlInput,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeOrg,
} from "./helpers";

const settings = (overrides: Record<string, string> = {}) =>
  ReadinessSettingsInput.parse({
    timeZone: "Europe/Berlin",
    defaultGraceDays: "7",
    freshnessDays: "365",
    version: "0",
    ...overrides,
  });

describe("readiness settings", () => {
  it("start at UTC, no grace and a year's freshness", async () => {
    const ctx = await makeOrg();
    expect(await getReadinessSettings(ctx)).toEqual({
      timeZone: "UTC",
      defaultGraceDays: 0,
      freshnessDays: 365,
      version: 0,
    });
  });

  it("saves from the version loaded and logs only what changed, before and after", async () => {
    const ctx = await makeOrg();
    await updateReadinessSettings(ctx, settings());
    expect(await getReadinessSettings(ctx)).toEqual({
      timeZone: "Europe/Berlin",
      defaultGraceDays: 7,
      freshnessDays: 365,
      version: 1,
    });
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "organization.settings_changed",
      entityType: "organization",
      entityId: ctx.orgId,
      actorId: ctx.userId,
      before: { timeZone: "UTC", defaultGraceDays: 0 },
      after: { timeZone: "Europe/Berlin", defaultGraceDays: 7 },
    });
    const logged = (await entries(ctx.orgId)).length;
    await updateReadinessSettings(ctx, settings({ version: "1" }));
    expect((await entries(ctx.orgId)).length).toBe(logged);
    await expectIntactLog(ctx);
  });

  it("refuses a stale form, including one loaded before a rename", async () => {
    const ctx = await makeOrg();
    await renameOrganization(ctx, "Renamed meanwhile", 0);
    const error = await expectAppError(updateReadinessSettings(ctx, settings()), "CONFLICT");
    expect(error.fieldErrors?.version?.[0]).toMatch(/changed/i);
    expect((await getReadinessSettings(ctx)).timeZone).toBe("UTC");
  });

  it("lets only owners and admins change them; every member reads them", async () => {
    const ctx = await makeOrg();
    for (const role of ["editor", "viewer"] as const) {
      const member = await addMember(ctx, role);
      await expectAppError(updateReadinessSettings(member.ctx, settings()), "FORBIDDEN");
      expect((await getReadinessSettings(member.ctx)).timeZone).toBe("UTC");
    }
    const admin = await addMember(ctx, "admin");
    await updateReadinessSettings(admin.ctx, settings());
    expect((await getReadinessSettings(ctx)).timeZone).toBe("Europe/Berlin");
  });

  it("change only the caller's own organisation", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    await updateReadinessSettings(mine, settings());
    expect((await getReadinessSettings(theirs)).timeZone).toBe("UTC");
  });

  it("validate names with Intl and bound the numbers, with a message on the field", () => {
    const problems = (overrides: Record<string, string>) =>
      ReadinessSettingsInput.safeParse({
        timeZone: "UTC",
        defaultGraceDays: "0",
        freshnessDays: "365",
        version: "0",
        ...overrides,
      }).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(problems({ timeZone: "America/Argentina/Buenos_Aires" })).toBeUndefined();
    for (const timeZone of ["Mars/Olympus", "+02:00", "", "Europe/Berlin; DROP"])
      expect(problems({ timeZone })?.[0]?.[0]).toBe("timeZone");
    expect(problems({ defaultGraceDays: "91" })).toEqual([
      ["defaultGraceDays", "Use at most 90 days."],
    ]);
    expect(problems({ freshnessDays: "0" })).toEqual([["freshnessDays", "Use 1 or more days."]]);
    expect(problems({ freshnessDays: "1.5" })).toEqual([
      ["freshnessDays", "Use a whole number of days."],
    ]);
  });
});

describe("control grace days", () => {
  it("a new control starts with the organisation's default; an edit without them keeps its own", async () => {
    const ctx = await makeOrg();
    await updateReadinessSettings(ctx, settings({ defaultGraceDays: "5" }));
    const { id } = await createControl(ctx, controlInput());
    const given = await makeControl(ctx, { graceDays: 12 });
    expect((await getControl(ctx, id)).graceDays).toBe(5);
    expect((await getControl(ctx, given.id)).graceDays).toBe(12);
    await updateControl(ctx, given.id, controlInput({ ref: given.ref, title: "Renamed" }), 0);
    expect((await getControl(ctx, given.id)).graceDays).toBe(12);
    await updateControl(ctx, given.id, controlInput({ ref: given.ref, graceDays: 0 }), 1);
    expect((await getControl(ctx, given.id)).graceDays).toBe(0);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "control.updated",
      before: { graceDays: 12 },
      after: { graceDays: 0 },
    });
  });

  it("are set on many controls at once, each from its listed version", async () => {
    const ctx = await makeOrg();
    const a = await makeControl(ctx);
    const b = await makeControl(ctx);
    await bulkUpdateControls(ctx, {
      controls: [
        { id: a.id, version: 0 },
        { id: b.id, version: 0 },
      ],
      graceDays: 30,
    });
    expect((await getControl(ctx, a.id)).graceDays).toBe(30);
    expect((await getControl(ctx, b.id)).graceDays).toBe(30);
    await expectAppError(
      bulkUpdateControls(ctx, { controls: [{ id: a.id, version: 0 }], graceDays: 1 }),
      "CONFLICT",
    );
  });
});
