import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import {
  bulkUpdateControls,
  getControl,
  updateControl,
  updateControlInTx,
} from "@/lib/db/controls";
import {
  clearNotApplicable,
  markNotApplicable,
  setEngagementArchived,
  updateEngagement,
} from "@/lib/db/engagements";
import { addNoteEvidence, linkEvidenceToControls } from "@/lib/db/evidence";
import { deleteEvidence } from "@/lib/db/evidence-corrections";
import { remediateException } from "@/lib/db/exceptions";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { setObjectiveRetired, updateObjective } from "@/lib/db/objectives";
import { renameOrganization } from "@/lib/db/organizations";
import { formatUtcMinute } from "@/lib/domain/stale-edit";
import { AppError } from "@/lib/errors";
import { concurrently } from "./concurrently";
import {
  addMember,
  controlInput,
  criterion,
  engagementInput,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeException,
  makeObjective,
  makeOrg,
  noteEvidenceInput,
  objectiveInput,
} from "./helpers";
import { exclusionIdOf, versionOf, type VersionedModel } from "./version-of";
import { signInAs } from "./signed-in";

// No lost update: every edit carries the version it was loaded at. Alice (owner) and Bob
// (admin) open the same record; Alice saves first.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { updateControlAction } = await import("@/app/o/[orgSlug]/controls/actions");

type Team = { alice: OrgContext; bob: OrgContext; bobUser: UserContext };

async function team(): Promise<Team> {
  const alice = await makeOrg();
  const bob = await addMember(alice, "admin");
  await getDb().user.update({ where: { id: alice.userId }, data: { name: "Alice Adams" } });
  await getDb().user.update({ where: { id: bob.user.userId }, data: { name: "Bob Brown" } });
  return { alice, bob: bob.ctx, bobUser: bob.user };
}

/** "Changed by Alice Adams at 2 Dec 2026, 14:05 UTC since you opened it.", from the newest entry. */
async function changedBy(orgId: string, name: string): Promise<string> {
  const newest = await getDb().activityLogEntry.findFirstOrThrow({
    where: { organizationId: orgId },
    orderBy: { seq: "desc" },
    select: { createdAt: true },
  });
  return `Changed by ${name} at ${formatUtcMinute(newest.createdAt)} since you opened it.`;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("finding 7: a control form loaded before someone retired the control", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("refuses Bob's title-only save, naming Alice, and the control stays retired", async () => {
    const { alice, bob, bobUser } = await team();
    const { id } = await makeControl(alice, {
      ref: "AC-01",
      title: "Access review",
      status: "implemented",
    });
    const opened = await getControl(bob, id);

    await updateControl(
      alice,
      id,
      controlInput({ ref: "AC-01", title: "Access review", status: "retired" }),
      (await getControl(alice, id)).version,
    );
    signInAs(bobUser);
    const submitted = {
      orgSlug: bob.orgSlug,
      controlId: id,
      version: String(opened.version),
      ref: opened.ref,
      title: "Quarterly access review",
      description: opened.description,
      ownerId: "",
      status: opened.status,
      frequency: opened.frequency,
      nature: opened.nature,
    };
    const result = await updateControlAction(null, form(submitted));

    const message = await changedBy(alice.orgId, "Alice Adams");
    expect(result).toEqual({
      ok: false,
      code: "CONFLICT",
      message,
      fieldErrors: { version: [message] },
    });
    expect(await getControl(alice, id)).toMatchObject({
      status: "retired",
      title: "Access review",
      version: opened.version + 1,
    });
  });

  it("lets Bob save once his form carries the latest version", async () => {
    const { alice, bob, bobUser } = await team();
    const { id } = await makeControl(alice, {
      ref: "AC-01",
      title: "Access review",
      status: "implemented",
    });
    await updateControl(
      alice,
      id,
      controlInput({ ref: "AC-01", title: "Access review", status: "retired" }),
      0,
    );
    const reloaded = await getControl(bob, id);

    signInAs(bobUser);
    const result = await updateControlAction(
      null,
      form({
        orgSlug: bob.orgSlug,
        controlId: id,
        version: String(reloaded.version),
        ref: "AC-01",
        title: "Quarterly access review",
        status: reloaded.status,
        frequency: "quarterly",
        nature: "manual",
      }),
    );

    expect(result).toEqual({ ok: true, data: null });
    expect(await getControl(alice, id)).toMatchObject({
      status: "retired",
      title: "Quarterly access review",
      version: 2,
    });
  });

  it("refuses a form without its version, on the version field", async () => {
    const { alice, bobUser } = await team();
    const { id } = await makeControl(alice, { ref: "AC-01" });
    signInAs(bobUser);

    const result = await updateControlAction(
      null,
      form({
        orgSlug: alice.orgSlug,
        controlId: id,
        ref: "AC-01",
        title: "No version",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
    );

    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { version: [expect.stringMatching(/out of date/)] },
    });
    expect(await getControl(alice, id)).toMatchObject({ title: "Control AC-01", version: 0 });
  });
});

type Case = {
  /** The record, made by Alice; `extra` is any other id the edits need. */
  make: (alice: OrgContext) => Promise<{ id: string; extra?: string }>;
  model: VersionedModel;
  alice: (ctx: OrgContext, id: string, version: number, extra?: string) => Promise<unknown>;
  bob: (ctx: OrgContext, id: string, version: number, extra?: string) => Promise<unknown>;
  /** Bob's edit deletes the record: Alice's, coming second, finds nothing. */
  bobDeletes?: boolean;
};

const CASES: Record<string, Case> = {
  "control form": {
    make: async (ctx) => makeControl(ctx, { ref: "AC-01", status: "implemented" }),
    model: "control",
    alice: (ctx, id, version) =>
      updateControl(ctx, id, controlInput({ ref: "AC-01", status: "retired" }), version),
    bob: (ctx, id, version) =>
      updateControl(
        ctx,
        id,
        controlInput({ ref: "AC-01", title: "Quarterly access review", status: "implemented" }),
        version,
      ),
  },
  "bulk edit of controls": {
    make: async (ctx) => makeControl(ctx, { ref: "AC-01", status: "implemented" }),
    model: "control",
    alice: (ctx, id, version) =>
      updateControl(ctx, id, controlInput({ ref: "AC-01", status: "retired" }), version),
    bob: (ctx, id, version) =>
      bulkUpdateControls(ctx, { controls: [{ id, version }], status: "designed" }),
  },
  "engagement form": {
    make: async (ctx) => makeEngagement(ctx),
    model: "engagement",
    alice: (ctx, id, version) =>
      updateEngagement(ctx, id, engagementInput({ name: "Renamed by Alice" }), version),
    bob: (ctx, id, version) =>
      updateEngagement(
        ctx,
        id,
        engagementInput({ name: "Renamed by Bob", type: "TYPE_I", asOfDate: "2026-06-30" }),
        version,
      ),
  },
  "engagement archive": {
    make: async (ctx) => makeEngagement(ctx),
    model: "engagement",
    alice: (ctx, id, version) =>
      updateEngagement(ctx, id, engagementInput({ name: "Renamed by Alice" }), version),
    bob: (ctx, id, version) => setEngagementArchived(ctx, id, true, version),
  },
  "objective form": {
    make: async (ctx) => makeObjective(ctx),
    model: "objective",
    alice: (ctx, id, version) =>
      updateObjective(ctx, id, objectiveInput({ ref: "BP-01", title: "Alice's title" }), version),
    bob: (ctx, id, version) =>
      updateObjective(ctx, id, objectiveInput({ ref: "BP-02", title: "Bob's title" }), version),
  },
  "objective retirement": {
    make: async (ctx) => makeObjective(ctx),
    model: "objective",
    alice: (ctx, id, version) =>
      updateObjective(ctx, id, objectiveInput({ ref: "BP-01" }), version),
    bob: (ctx, id, version) => setObjectiveRetired(ctx, id, true, version),
  },
  "evidence link and deletion": {
    make: async (ctx) => {
      const [first, second] = [await makeControl(ctx), await makeControl(ctx)];
      return { ...(await addNoteEvidence(ctx, noteEvidenceInput([first.id]))), extra: second.id };
    },
    model: "evidence",
    alice: (ctx, id, version, extra) => linkEvidenceToControls(ctx, id, [extra ?? ""], version),
    bob: (ctx, id, version) => deleteEvidence(ctx, id, version, "Recorded in error"),
    bobDeletes: true,
  },
  "exception remediation": {
    make: async (ctx) => makeException(ctx, (await makeControl(ctx)).id),
    model: "exception",
    alice: (ctx, id, version) => remediateException(ctx, id, "Alice reran the review.", version),
    bob: (ctx, id, version) => remediateException(ctx, id, "Bob waived it.", version),
  },
  "member role": {
    make: async (ctx) => ({ id: (await addMember(ctx, "editor")).membershipId }),
    model: "membership",
    alice: (ctx, id, version) => changeMemberRole(ctx, id, "viewer", version),
    bob: (ctx, id, version) => changeMemberRole(ctx, id, "admin", version),
  },
  "member removal": {
    make: async (ctx) => ({ id: (await addMember(ctx, "editor")).membershipId }),
    model: "membership",
    alice: (ctx, id, version) => changeMemberRole(ctx, id, "viewer", version),
    bob: (ctx, id, version) => removeMember(ctx, id, version),
    bobDeletes: true,
  },
  "organisation settings": {
    make: async (ctx) => ({ id: ctx.orgId }),
    model: "organization",
    alice: (ctx, _id, version) => renameOrganization(ctx, "Alice's name", version),
    bob: (ctx, _id, version) => renameOrganization(ctx, "Bob's name", version),
  },
};

/** The record's row as stored (null once deleted). */
async function row(model: VersionedModel, id: string): Promise<unknown> {
  const db = getDb();
  const where = { where: { id } };
  const read = {
    control: () => db.control.findUnique(where),
    engagement: () => db.engagement.findUnique({ ...where, include: { objectives: true } }),
    objective: () => db.controlObjective.findUnique(where),
    evidence: () => db.evidence.findUnique({ ...where, include: { controls: true } }),
    exception: () => db.controlException.findUnique(where),
    membership: () => db.membership.findUnique(where),
    organization: () => db.organization.findUnique(where),
  }[model];
  return read();
}

describe.each(Object.entries(CASES))(
  "%s",
  (_label, { make, model, alice: aliceEdits, bob: bobEdits, bobDeletes }) => {
    it("one after the other from the same version: Bob's is CONFLICT naming Alice, and nothing of it lands", async () => {
      const { alice, bob } = await team();
      const { id, extra } = await make(alice);
      const opened = await versionOf(model, id);

      await aliceEdits(alice, id, opened, extra);
      const stored = await row(model, id);
      const logged = (await entries(alice.orgId)).length;
      const error = await expectAppError(bobEdits(bob, id, opened, extra), "CONFLICT");

      const expected = await changedBy(alice.orgId, "Alice Adams");
      expect(error.message).toContain(
        expected.slice("Changed by ".length, -" since you opened it.".length),
      );
      expect(error.fieldErrors).toEqual({ version: [error.message] });
      expect(await row(model, id)).toEqual(stored);
      expect(await entries(alice.orgId)).toHaveLength(logged);
      await expectIntactLog(alice);
    });

    it("at the same moment from the same version: exactly one lands, the other is refused", async () => {
      const { alice, bob } = await team();
      const { id, extra } = await make(alice);
      const opened = await versionOf(model, id);
      const logged = (await entries(alice.orgId)).length;

      const settled = await concurrently(alice.orgId, [
        () => aliceEdits(alice, id, opened, extra),
        () => bobEdits(bob, id, opened, extra),
      ]);

      expect(settled.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      const winner = settled[0]?.status === "fulfilled" ? alice : bob;
      const refused = settled.find((outcome) => outcome.status === "rejected");
      const reason: unknown = refused?.status === "rejected" ? refused.reason : null;
      expect(reason).toBeInstanceOf(AppError);
      const deletedFirst = bobDeletes && winner === bob;
      expect((reason as AppError).code).toBe(deletedFirst ? "NOT_FOUND" : "CONFLICT");
      if (!deletedFirst)
        expect((reason as AppError).message).toContain(
          winner === alice ? "Alice Adams" : "Bob Brown",
        );
      expect((await entries(alice.orgId)).slice(logged).map((entry) => entry.actorId)).toEqual([
        winner.userId,
      ]);
      await expectIntactLog(alice);
    });
  },
);

describe("bulk edit of controls", () => {
  it("refuses the whole change when any selected control changed since the list was loaded, naming each", async () => {
    const { alice, bob } = await team();
    const controls = [
      await makeControl(alice, { ref: "AC-03" }),
      await makeControl(alice, { ref: "AC-01" }),
      await makeControl(alice, { ref: "AC-02" }),
    ];
    const listed = controls.map((control) => ({ id: control.id, version: 0 }));
    await updateControl(
      alice,
      controls[0]?.id ?? "",
      controlInput({ ref: "AC-03", status: "retired" }),
      0,
    );
    await updateControl(
      alice,
      controls[1]?.id ?? "",
      controlInput({ ref: "AC-01", status: "retired" }),
      0,
    );
    const before = await Promise.all(controls.map((control) => row("control", control.id)));

    const error = await expectAppError(
      bulkUpdateControls(bob, { controls: listed, ownerId: bob.userId, status: "implemented" }),
      "CONFLICT",
    );

    const at = (await changedBy(alice.orgId, "Alice Adams")).slice(
      "Changed by Alice Adams at ".length,
      -" since you opened it.".length,
    );
    expect(error.message).toMatch(
      new RegExp(
        `^Nothing was changed\\. Changed since you opened the list: AC-01 by Alice Adams at [^;]+; AC-03 by Alice Adams at ${at}\\.$`,
      ),
    );
    expect(await Promise.all(controls.map((control) => row("control", control.id)))).toEqual(
      before,
    );
  });
});

describe("applicability (not applicable) of a requirement", () => {
  it("is not overwritten: marking a requirement someone marked since is CONFLICT naming them, and keeps their justification", async () => {
    const { alice, bob } = await team();
    const { id } = await makeEngagement(alice);
    const cc64 = criterion("CC6.4");

    await markNotApplicable(
      alice,
      id,
      cc64,
      "No physical premises: the service runs in a public cloud.",
    );
    const error = await expectAppError(
      markNotApplicable(bob, id, cc64, "Bob's different reason for the same requirement."),
      "CONFLICT",
    );

    expect(error.message).toBe(await changedBy(alice.orgId, "Alice Adams"));
    expect(
      await getDb().requirementExclusion.findMany({
        where: { engagementId: id },
        select: { justification: true },
      }),
    ).toEqual([{ justification: "No physical premises: the service runs in a public cloud." }]);
  });

  it("is not cleared from a page that showed an earlier marking, once someone marked it again", async () => {
    const { alice, bob } = await team();
    const { id } = await makeEngagement(alice);
    const cc64 = criterion("CC6.4");
    await markNotApplicable(alice, id, cc64, "First reason, shown on Bob's page.");
    const shown = await exclusionIdOf(id, cc64);
    await clearNotApplicable(alice, id, cc64, shown);
    await markNotApplicable(alice, id, cc64, "Second reason, marked after Bob opened the page.");

    await expectAppError(
      clearNotApplicable(bob, id, cc64, shown),
      "CONFLICT",
      /^Changed by Alice Adams at .+ since you opened it\.$/,
    );

    expect(await getDb().requirementExclusion.count({ where: { engagementId: id } })).toBe(1);
  });

  it("at the same moment: of two markings exactly one lands", async () => {
    const { alice, bob } = await team();
    const { id } = await makeEngagement(alice);

    const settled = await concurrently(alice.orgId, [
      () => markNotApplicable(alice, id, criterion("CC6.4"), "Alice's reason, at the same moment."),
      () => markNotApplicable(bob, id, criterion("CC6.4"), "Bob's reason, at the same moment."),
    ]);

    expect(settled.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = settled.find((outcome) => outcome.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({ code: "CONFLICT" });
    expect(await getDb().requirementExclusion.count({ where: { engagementId: id } })).toBe(1);
  });
});

describe("writes without a form (the CSV import)", () => {
  it("still move the version on, so a form loaded before them is stale", async () => {
    const { alice, bob } = await team();
    const { id } = await makeControl(alice, { ref: "AC-01" });

    await getDb().$transaction((tx) =>
      updateControlInTx(
        tx,
        alice,
        id,
        controlInput({ ref: "AC-01", description: "Imported narrative." }),
      ),
    );

    expect((await getControl(alice, id)).version).toBe(1);
    await expectAppError(
      updateControl(bob, id, controlInput({ ref: "AC-01" }), 0),
      "CONFLICT",
      /^Changed by Alice Adams at /,
    );
    expect((await getControl(alice, id)).description).toBe("Imported narrative.");
  });
});
