import { beforeEach, describe, expect, it, vi } from "vitest";
import { getControl } from "@/lib/db/controls";
import { setControlMappings, setRequirementControls } from "@/lib/db/mappings";
import { concurrently } from "./concurrently";
import {
  addMember,
  criterion,
  entries,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeOrg,
} from "./helpers";
import { signInAs } from "./signed-in";

// The mapping pickers edit sets of links. A picker loaded earlier sends what it showed ticked,
// and only the changes made in it are applied: links someone else added or removed meanwhile
// stay as they left them.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { setControlMappingsAction } = await import("@/app/o/[orgSlug]/controls/actions");
const { setRequirementControlsAction } = await import("@/app/o/[orgSlug]/engagements/actions");

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
}

const mappedCriteria = async (ctx: Awaited<ReturnType<typeof makeOrg>>, controlId: string) =>
  (await getControl(ctx, controlId)).criterionIds.sort();

describe("a control's mapping picker loaded before someone else mapped it", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("keeps their new mapping and applies this picker's tick and untick", async () => {
    const alice = await makeOrg();
    const bob = await addMember(alice, "editor");
    const control = await makeControl(alice);
    await setControlMappings(alice, control.id, [criterion("CC6.1")], []);
    // Bob's picker shows CC6.1 ticked. Alice then maps CC6.2 from the requirement's page.
    await setRequirementControls(alice, "criterion", criterion("CC6.2"), [control.id], []);

    signInAs(bob.user);
    const result = await setControlMappingsAction(
      null,
      form({
        orgSlug: alice.orgSlug,
        controlId: control.id,
        shown: [criterion("CC6.1")],
        criterionIds: [criterion("CC7.1")],
      }),
    );

    expect(result).toEqual({ ok: true, data: null });
    expect(await mappedCriteria(alice, control.id)).toEqual(
      [criterion("CC6.2"), criterion("CC7.1")].sort(),
    );
    expect((await entries(alice.orgId)).at(-1)).toMatchObject({
      action: "control.mappings_changed",
      actorId: bob.user.userId,
      before: { criterionIds: [criterion("CC6.1"), criterion("CC6.2")].sort() },
      after: { criterionIds: [criterion("CC6.2"), criterion("CC7.1")].sort() },
    });
  });

  it("does not bring back a mapping someone removed, when this picker left it alone", async () => {
    const alice = await makeOrg();
    const bob = await addMember(alice, "editor");
    const control = await makeControl(alice);
    await setControlMappings(alice, control.id, [criterion("CC6.1"), criterion("CC6.2")], []);
    await setControlMappings(alice, control.id, [criterion("CC6.2")], []);

    signInAs(bob.user);
    await setControlMappingsAction(
      null,
      form({
        orgSlug: alice.orgSlug,
        controlId: control.id,
        shown: [criterion("CC6.1"), criterion("CC6.2")],
        criterionIds: [criterion("CC6.1"), criterion("CC6.2"), criterion("CC8.1")],
      }),
    );

    expect(await mappedCriteria(alice, control.id)).toEqual(
      [criterion("CC6.2"), criterion("CC8.1")].sort(),
    );
  });
});

describe("a requirement's control picker loaded before someone else mapped a control to it", () => {
  it("keeps their control and applies this picker's changes", async () => {
    const alice = await makeOrg();
    const bob = await addMember(alice, "editor");
    const { id: engagementId } = await makeEngagement(alice);
    const [first, theirs, mine] = [
      await makeControl(alice),
      await makeControl(alice),
      await makeControl(alice),
    ];
    await setRequirementControls(alice, "criterion", criterion("CC6.1"), [first.id]);
    await setControlMappings(alice, theirs.id, [criterion("CC6.1")], [], []);

    signInAs(bob.user);
    const result = await setRequirementControlsAction(
      null,
      form({
        orgSlug: alice.orgSlug,
        engagementId,
        kind: "criterion",
        requirementId: criterion("CC6.1"),
        shown: [first.id],
        controlIds: [mine.id],
      }),
    );

    expect(result).toEqual({ ok: true, data: null });
    for (const [control, mapped] of [
      [first, false],
      [theirs, true],
      [mine, true],
    ] as const) {
      expect(
        (await getControl(alice, control.id)).criterionIds.includes(criterion("CC6.1")),
        control.ref,
      ).toBe(mapped);
    }
  });
});

describe("two pickers saved at the same moment", () => {
  it("keep both people's new mappings, one after the other in the log", async () => {
    const alice = await makeOrg();
    const { ctx: bob } = await addMember(alice, "editor");
    const control = await makeControl(alice);

    const settled = await concurrently(alice.orgId, [
      () => setControlMappings(alice, control.id, [criterion("CC6.1")], [], []),
      () => setControlMappings(bob, control.id, [criterion("CC7.1")], [], []),
    ]);

    expect(settled.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await mappedCriteria(alice, control.id)).toEqual(
      [criterion("CC6.1"), criterion("CC7.1")].sort(),
    );
    const logged = (await entries(alice.orgId)).filter(
      (entry) => entry.action === "control.mappings_changed",
    );
    expect(logged.map((entry) => entry.before)).toEqual([
      { criterionIds: [], objectiveIds: [] },
      { criterionIds: [expect.any(String)], objectiveIds: [] },
    ]);
    await expectIntactLog(alice);
  });
});
