import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { myAccessNotice } from "@/lib/db/auditor-notice";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { markNotApplicable, setEngagementArchived } from "@/lib/db/engagements";
import { addNoteEvidence } from "@/lib/db/evidence";
import { recordException } from "@/lib/db/exceptions";
import { maintainReadiness } from "@/lib/db/maintained-readiness";
import { setControlMappings } from "@/lib/db/mappings";
import { loadMyWork } from "@/lib/db/my-work";
import { myWorkCount } from "@/lib/db/my-work-count";
import { updateReadinessSettings, getReadinessSettings } from "@/lib/db/organization-settings";
import { listMyOrganizations } from "@/lib/db/organizations";
import { requestsWaitingCount } from "@/lib/db/request-views";
import { addDays } from "@/lib/domain/readiness/calendar";
import { readinessJob } from "@/lib/jobs/readiness-job";
import { runDueJobs } from "@/lib/jobs/runner";
import { currentInstant, todayFor } from "@/lib/server/clock";
import { myWorkCountFor, myWorkFor } from "@/lib/server/my-work";
import { loadShell } from "@/lib/server/shell";
import { makeAuditor } from "./auditor-fixture";
import {
  addMember,
  controlInput,
  criterion,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";
import { userOf } from "./signed-in";

// The navigation's "My work (N)" (docs/decisions/0049) is read from the maintained rows, not by
// building My work: in every state, whether the rows can answer or not, it equals loadMyWork's
// counts.total and owned controls, and it costs fewer queries (one count for a member who owns
// no control).

const queries = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});

const START = "2026-03-02T12:00:00Z";
const CRITERIA = ["CC6.1", "CC6.2", "CC7.1", "CC7.2", "CC8.1"].map(criterion);
const described = "Reviewed by the system owner, evidence kept in the ticket.";
const quiet = { log: () => undefined, error: () => undefined };

let clockDir = "";
let clockFile = "";
const setClock = (iso: string) => fs.writeFileSync(clockFile, iso);
const laterBy = (days: number) =>
  setClock(new Date(currentInstant().getTime() + days * 86_400_000).toISOString());
const rollForward = async () => {
  const report = await runDueJobs(getDb(), [readinessJob], () => currentInstant(), quiet);
  expect(report.failed).toBe(0);
};

beforeAll(() => {
  clockDir = fs.mkdtempSync(path.join(os.tmpdir(), "assay-clock-"));
  clockFile = path.join(clockDir, "now");
  setClock(START);
  process.env.ASSAY_CLOCK_FILE = clockFile;
});
afterAll(() => {
  delete process.env.ASSAY_CLOCK_FILE;
  fs.rmSync(clockDir, { recursive: true, force: true });
});

/**
 * Expects the navigation's count to equal loadMyWork's; answers whether the maintained rows gave
 * it ("rows") or loadMyWork had to ("full").
 */
async function expectSameCount(ctx: OrgContext): Promise<"rows" | "full"> {
  const today = await todayFor(ctx);
  const work = await loadMyWork(ctx, today);
  const expected = { ownedControls: work.ownedControls, total: work.counts.total };
  expect(await myWorkCountFor(ctx)).toEqual(expected);
  const fromRows = await myWorkCount(ctx, today);
  if (fromRows === null) return "full";
  expect(fromRows).toEqual(expected);
  return "rows";
}

async function openRequest(
  ctx: OrgContext,
  engagementId: string,
  controlId: string | null,
  status = "open",
) {
  await getDb().auditorRequest.create({
    data: {
      organizationId: ctx.orgId,
      engagementId,
      controlId,
      requirementId: controlId === null ? CRITERIA[0] : null,
      body: "Please provide the evidence.",
      status,
      createdById: ctx.userId,
    },
  });
}

const navLabel = async (ctx: OrgContext) =>
  (await loadShell(ctx, userOf(ctx))).nav.find((item) => item.href.endsWith("/my-work"))?.label;

describe("the navigation's My work count", () => {
  it("equals loadMyWork's in a varied organisation, from the rows whenever they are for today", async () => {
    setClock(START);
    const owner = await makeOrg();
    const member = await addMember(owner, "editor");
    const me = member.user.userId;
    const viewer = await addMember(owner, "viewer");
    const soc2 = await makeEngagement(owner, { name: "SOC 2 Type II 2026" });
    const objective = await makeObjective(owner, { ref: "OBJ-1" });
    const isae = await makeEngagement(owner, {
      name: "ISAE Type I",
      family: "ISAE3402",
      type: "TYPE_I",
      periodStart: undefined,
      periodEnd: undefined,
      asOfDate: "2026-06-30",
      objectiveIds: [objective.id],
    });
    const archived = await makeEngagement(owner, { name: "SOC 2 archived" });
    const mine = async (
      ref: string,
      mapped: string[],
      overrides: Parameters<typeof controlInput>[0] = {},
    ) => {
      const { id } = await makeControl(
        owner,
        controlInput({
          ref,
          status: "implemented",
          ownerId: me,
          description: described,
          ...overrides,
        }),
      );
      if (mapped.length > 0)
        await setControlMappings(
          owner,
          id,
          mapped.filter((target) => target !== objective.id),
          mapped.filter((target) => target === objective.id),
        );
      return id;
    };
    const design = (controlId: string, effectiveDate = "2026-01-10") =>
      addNoteEvidence(owner, noteEvidenceInput([controlId], { purpose: "design", effectiveDate }));

    // Missing occurrences: a monthly control with no operating evidence since January.
    const missing = await mine("MW-1", [CRITERIA[0] ?? ""], { frequency: "monthly" });
    await design(missing);
    // Due soon: a weekly control whose week, with a week's grace, is due within 14 days (and
    // whose earlier weeks are missing).
    const weekly = await mine("MW-2", [CRITERIA[1] ?? ""], { frequency: "weekly", graceDays: 7 });
    await design(weekly);
    // Expiring: design evidence of last March stops counting within 30 days.
    const expiring = await mine("MW-3", [CRITERIA[1] ?? ""], { frequency: "event_driven" });
    await design(expiring, "2025-03-20");
    // Blockers: no description; an open exception; no design evidence in the Type I engagement.
    await mine("MW-4", [CRITERIA[2] ?? ""], { description: "", frequency: "event_driven" });
    const excepted = await mine("MW-5", [CRITERIA[3] ?? ""], { frequency: "event_driven" });
    await design(excepted);
    await recordException(owner, {
      controlId: excepted,
      date: "2026-02-20",
      description: "A review was skipped.",
      severity: "medium",
    });
    const typeOne = await mine("MW-6", [objective.id], { frequency: "event_driven" });
    // Not counted: retired, mapped to an N/A requirement only, unmapped.
    const retired = await mine("MW-7", [CRITERIA[0] ?? ""], { status: "retired" });
    await mine("MW-8", [CRITERIA[4] ?? ""], { description: "" });
    await markNotApplicable(owner, soc2.id, CRITERIA[4] ?? "", "Not used by the service.");
    await mine("MW-9", [], { description: "" });
    // Someone else's control, with work of its own.
    const theirs = await mine("MW-10", [CRITERIA[0] ?? ""], { ownerId: owner.userId });

    // Requests: counted on my active controls in engagements I see; not on someone else's
    // control, answered, on a requirement, on a retired control or in an archived engagement.
    await openRequest(owner, soc2.id, missing);
    await openRequest(owner, isae.id, typeOne);
    await openRequest(owner, soc2.id, theirs);
    await openRequest(owner, soc2.id, missing, "answered");
    await openRequest(owner, soc2.id, null);
    await openRequest(owner, soc2.id, retired);
    await openRequest(owner, archived.id, missing);
    const { version } = await getDb().engagement.findUniqueOrThrow({
      where: { id: archived.id },
      select: { version: true },
    });
    await setEngagementArchived(owner, archived.id, true, version);

    const work = await loadMyWork(member.ctx, await todayFor(member.ctx));
    expect(work.ownedControls).toBe(8);
    expect(work.counts).toEqual({
      missing: 2,
      dueSoon: 1,
      expiring: 1,
      blockers: 3,
      requests: 2,
      total: 9,
    });
    expect(await expectSameCount(member.ctx)).toBe("rows");
    expect(await navLabel(member.ctx)).toBe(`My work (${work.counts.total})`);
    expect(await expectSameCount(owner)).toBe("rows");

    // A write that bypassed lib/db marks my control dirty: loadMyWork's answer, until maintained.
    await getDb().control.update({ where: { id: weekly }, data: { description: " " } });
    expect(await expectSameCount(member.ctx)).toBe("full");
    await getDb().$transaction((tx) => maintainReadiness(tx, owner.orgId));
    expect(await expectSameCount(member.ctx)).toBe("rows");
    // The next day, before the roll-forward: the rows are for yesterday.
    laterBy(1);
    expect(await expectSameCount(member.ctx)).toBe("full");
    await rollForward();
    expect(await expectSameCount(member.ctx)).toBe("rows");

    // A viewer owns nothing; an auditor has no My work.
    expect(await expectSameCount(viewer.ctx)).toBe("rows");
    expect(await myWorkCountFor(viewer.ctx)).toEqual({ ownedControls: 0, total: 0 });
    expect(await navLabel(viewer.ctx)).toBe("My work");
    const auditor = await makeAuditor(owner, [soc2.id]);
    expect(await myWorkCountFor(auditor.ctx)).toBeNull();
    expect(await navLabel(auditor.ctx)).toBeUndefined();
  });

  const world = fc.record({
    typeII: fc.boolean(),
    asOf: fc.integer({ min: 0, max: 300 }),
    freshness: fc.constantFrom(30, 90, 365),
    isae: fc.constantFrom(
      "none" as const,
      "TYPE_I" as const,
      "TYPE_II" as const,
      "archived" as const,
    ),
    controls: fc.array(
      fc.record({
        owner: fc.constantFrom("me" as const, "me" as const, "other" as const, "nobody" as const),
        status: fc.constantFrom("implemented" as const, "designed" as const, "retired" as const),
        frequency: fc.constantFrom(
          "monthly" as const,
          "quarterly" as const,
          "weekly" as const,
          "event_driven" as const,
        ),
        described: fc.boolean(),
        graceDays: fc.constantFrom(0, 0, 10),
        criteria: fc.subarray([0, 1, 2, 3]),
        objective: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    evidence: fc.array(
      fc.record({
        control: fc.nat(),
        design: fc.boolean(),
        offset: fc.integer({ min: 0, max: 270 }),
        span: fc.constantFrom(0, 0, 40),
      }),
      { maxLength: 8 },
    ),
    exceptions: fc.array(fc.nat(), { maxLength: 2 }),
    notApplicable: fc.subarray([0, 1, 2, 3], { maxLength: 2 }),
    requests: fc.array(
      fc.record({
        control: fc.option(fc.nat(), { nil: null }),
        isae: fc.boolean(),
        open: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    then: fc.constantFrom(
      { kind: "nothing" as const },
      { kind: "bypass" as const },
      { kind: "day" as const, roll: false },
      { kind: "day" as const, roll: true },
    ),
  });
  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

  async function build(w: World) {
    setClock(START);
    const owner = await makeOrg();
    const member = await addMember(owner, "editor");
    await updateReadinessSettings(owner, {
      ...(await getReadinessSettings(owner)),
      freshnessDays: w.freshness,
    });
    const soc2 = await makeEngagement(
      owner,
      w.typeII
        ? {}
        : {
            type: "TYPE_I",
            periodStart: undefined,
            periodEnd: undefined,
            asOfDate: addDays("2026-01-01", w.asOf),
          },
    );
    const objective = await makeObjective(owner);
    const isae =
      w.isae === "none"
        ? null
        : await makeEngagement(owner, {
            family: "ISAE3402",
            objectiveIds: [objective.id],
            ...(w.isae === "TYPE_I"
              ? {
                  type: "TYPE_I",
                  periodStart: undefined,
                  periodEnd: undefined,
                  asOfDate: "2026-04-30",
                }
              : {}),
          });
    const ids: string[] = [];
    for (const [index, c] of w.controls.entries()) {
      const { id } = await makeControl(
        owner,
        controlInput({
          ref: `PW-${index}`,
          status: c.status,
          frequency: c.frequency,
          graceDays: c.graceDays,
          description: c.described ? described : "",
          ownerId:
            c.owner === "me" ? member.user.userId : c.owner === "other" ? owner.userId : null,
        }),
      );
      const criteria = c.criteria.map((n) => CRITERIA[n] ?? "");
      if (criteria.length > 0 || c.objective)
        await setControlMappings(owner, id, criteria, c.objective ? [objective.id] : []);
      ids.push(id);
    }
    const nth = (n: number) => ids[n % ids.length] ?? "";
    for (const e of w.evidence) {
      const effectiveDate = addDays("2025-06-01", e.offset);
      await addNoteEvidence(
        owner,
        noteEvidenceInput([nth(e.control)], {
          purpose: e.design ? "design" : "operating",
          effectiveDate,
          coverageEnd: e.span > 0 ? addDays(effectiveDate, e.span) : undefined,
        }),
      );
    }
    for (const n of w.exceptions)
      await recordException(owner, {
        controlId: nth(n),
        date: "2026-02-01",
        description: "A review was skipped.",
        severity: "medium",
      });
    for (const n of w.notApplicable)
      await markNotApplicable(owner, soc2.id, CRITERIA[n] ?? "", "Not used by the service.");
    for (const r of w.requests)
      await openRequest(
        owner,
        r.isae && isae ? isae.id : soc2.id,
        r.control === null ? null : nth(r.control),
        r.open ? "open" : "answered",
      );
    if (isae && w.isae === "archived") {
      const { version } = await getDb().engagement.findUniqueOrThrow({
        where: { id: isae.id },
        select: { version: true },
      });
      await setEngagementArchived(owner, isae.id, true, version);
    }
    return { owner, member, ids };
  }

  it("counts only the asking organisation's work for a member of two", async () => {
    setClock(START);
    const here = await makeOrg();
    const there = await makeOrg(userOf(here));
    // Their work in the other organisation: a monthly control with no evidence, and a request.
    const engagement = await makeEngagement(there, { name: "SOC 2 Type II 2026" });
    const { id: controlId } = await makeControl(
      there,
      controlInput({
        ref: "X-1",
        status: "implemented",
        ownerId: there.userId,
        frequency: "monthly",
      }),
    );
    await setControlMappings(there, controlId, [CRITERIA[0] ?? ""], []);
    await openRequest(there, engagement.id, controlId);
    await rollForward();

    expect(await myWorkCount(here, await todayFor(here))).toEqual({ ownedControls: 0, total: 0 });
    expect(await expectSameCount(here)).toBe("rows");
    expect(await navLabel(here)).toBe("My work");
    const elsewhere = await myWorkCount(there, await todayFor(there));
    expect(elsewhere?.total).toBeGreaterThan(1);
    await expectSameCount(there);
  });

  it("equals loadMyWork's over random organisations, rows or not", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { owner, member, ids } = await build(w);
        expect(await expectSameCount(member.ctx)).toBe("rows");
        expect(await expectSameCount(owner)).toBe("rows");
        switch (w.then.kind) {
          case "nothing":
            return;
          case "bypass":
            await getDb().control.update({
              where: { id: ids[0] ?? "" },
              data: { description: " " },
            });
            break;
          case "day":
            laterBy(20);
            if (w.then.roll) await rollForward();
        }
        const source = await expectSameCount(member.ctx);
        // Owning no active control needs no rows.
        const owns = w.controls.some((c) => c.owner === "me" && c.status !== "retired");
        if (w.then.kind === "day" && owns) expect(source).toBe(w.then.roll ? "rows" : "full");
        await expectSameCount(owner);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 600_000);
});

describe("the navigation's cost", () => {
  const queriesOf = async (work: () => Promise<unknown>) => {
    queries.count = 0;
    await work();
    return queries.count;
  };

  it("runs fewer queries than My work: for a member who owns no control, the count alone", async () => {
    setClock(START);
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner);
    const member = await addMember(owner, "editor");
    const viewer = await addMember(owner, "viewer");
    for (const ref of ["NQ-1", "NQ-2", "NQ-3"]) {
      const { id } = await makeControl(
        owner,
        controlInput({
          ref,
          status: "implemented",
          ownerId: member.user.userId,
          description: described,
        }),
      );
      await setControlMappings(owner, id, [CRITERIA[0] ?? ""], []);
      await openRequest(owner, engagement.id, id);
    }
    for (const who of [member.ctx, viewer.ctx]) {
      const user = userOf(who);
      const rest = await queriesOf(() =>
        Promise.all([
          listMyOrganizations(user),
          requestsWaitingCount(who),
          myAccessNotice(who, currentInstant()),
        ]),
      );
      const count = await queriesOf(() => myWorkCountFor(who));
      const full = await queriesOf(() => myWorkFor(who));
      expect(await queriesOf(() => loadShell(who, user))).toBe(rest + count);
      expect(count).toBeLessThan(full);
    }
    // The organisation's time zone (today), then the count; for an owner four reads more.
    expect(await queriesOf(() => myWorkCountFor(viewer.ctx))).toBe(2);
    expect(await queriesOf(() => myWorkCountFor(member.ctx))).toBe(6);
    expect(await myWorkCountFor(member.ctx)).toMatchObject({ ownedControls: 3 });
  });
});
