import { describe, expect, it } from "vitest";
import {
  DUE_SOON_DAYS,
  EXPIRING_DAYS,
  filterWork,
  workQueue,
  type QueueControl,
  type QueueReadiness,
  type QueueSlot,
  type WorkQueueInput,
} from "@/lib/domain/readiness/work-queue";
import { addDays } from "@/lib/domain/readiness/calendar";

const TODAY = "2026-12-02";

function control(overrides: Partial<QueueControl> = {}): QueueControl {
  return {
    controlId: "c-1",
    ref: "AC-01",
    frequency: "quarterly",
    inScope: true,
    ready: true,
    reasons: [],
    design: { reasons: [], latestEvidence: "2026-06-01" },
    operating: { slots: [] },
    ...overrides,
  };
}

function slot(overrides: Partial<QueueSlot> & Pick<QueueSlot, "key" | "state">): QueueSlot {
  return { label: overrides.key, end: overrides.key, dueFrom: null, ...overrides };
}

function input(
  controls: QueueControl[],
  requirements: QueueReadiness["requirements"],
  overrides: Partial<WorkQueueInput> = {},
): WorkQueueInput {
  return {
    readiness: { type: "TYPE_II", designDate: TODAY, controls, requirements },
    requirements: requirements.map((r) => ({
      id: r.requirementId,
      code: r.requirementId,
      title: `Title of ${r.requirementId}`,
    })),
    owners: new Map(controls.map((c) => [c.controlId, `owner-of-${c.controlId}`])),
    today: TODAY,
    freshnessDays: 365,
    periodEnd: "2027-06-30",
    ...overrides,
  };
}

const req = (
  id: string,
  controlIds: string[],
  status: "ready" | "in_progress" = "in_progress",
) => ({
  requirementId: id,
  status,
  controlIds,
});

describe("workQueue: every kind", () => {
  it("lists a design blocker with all its design reasons and the requirements it holds back", () => {
    const c = control({
      ready: false,
      design: {
        reasons: [
          { code: "not_implemented" },
          { code: "no_owner" },
          { code: "no_design_evidence" },
        ],
        latestEvidence: null,
      },
      reasons: [{ code: "not_implemented", text: "not implemented" }],
    });
    const [item, ...rest] = workQueue(input([c], [req("CC6.1", ["c-1"]), req("CC6.2", ["c-1"])]));
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      kind: "design",
      ref: "AC-01",
      reasons: ["not_implemented", "no_owner", "no_design_evidence"],
      requirementIds: ["CC6.1", "CC6.2"],
      ownerId: "owner-of-c-1",
    });
  });

  it("lists stale design evidence as a design blocker", () => {
    const c = control({
      ready: false,
      design: { reasons: [{ code: "stale_design_evidence" }], latestEvidence: null },
    });
    expect(workQueue(input([c], [req("CC6.1", ["c-1"])]))[0]).toMatchObject({
      kind: "design",
      reasons: ["stale_design_evidence"],
    });
  });

  it("lists an unmapped requirement by code and title, unblocking itself", () => {
    const items = workQueue(
      input([], [{ requirementId: "CC9.9", status: "unmapped", controlIds: [] }]),
    );
    expect(items).toEqual([
      expect.objectContaining({
        kind: "unmapped",
        code: "CC9.9",
        title: "Title of CC9.9",
        requirementIds: ["CC9.9"],
        ownerId: null,
      }),
    ]);
  });

  it("ignores not-applicable requirements and controls out of scope", () => {
    const c = control({
      inScope: false,
      design: { reasons: [{ code: "no_owner" }], latestEvidence: null },
    });
    const items = workQueue(
      input([c], [{ requirementId: "CC1.1", status: "not_applicable", controlIds: ["c-1"] }]),
    );
    expect(items).toEqual([]);
  });

  it("lists missing occurrences once per control, named by the oldest", () => {
    const c = control({
      ready: false,
      operating: {
        slots: [
          slot({ key: "2026-Q1", state: "missing", end: "2026-03-31" }),
          slot({ key: "2026-Q2", state: "covered", end: "2026-06-30" }),
          slot({ key: "2026-Q3", state: "missing", end: "2026-09-30" }),
        ],
      },
    });
    expect(workQueue(input([c], [req("CC6.1", ["c-1"])]))).toEqual([
      expect.objectContaining({
        kind: "missing",
        count: 2,
        oldest: { key: "2026-Q1", label: "2026-Q1", date: "2026-03-31" },
      }),
    ]);
  });

  it("lists an open exception with the engine's text", () => {
    const c = control({
      ready: false,
      reasons: [{ code: "open_exception", text: "2 open exceptions" }],
    });
    expect(workQueue(input([c], [req("CC6.1", ["c-1"])]))).toEqual([
      expect.objectContaining({ kind: "exception", text: "2 open exceptions" }),
    ]);
  });
});

describe("workQueue: due soon, grouped per control, within 14 days", () => {
  const daily = (dueFroms: string[]) =>
    control({
      ref: "DATA-04",
      frequency: "daily",
      operating: {
        slots: dueFroms.map((dueFrom) =>
          slot({ key: addDays(dueFrom, -1), state: "open", end: addDays(dueFrom, -1), dueFrom }),
        ),
      },
    });

  it("groups a daily control's open occurrences into one line due by the latest date", () => {
    const dueFroms = Array.from({ length: 20 }, (_, i) => addDays(TODAY, i + 1));
    const items = workQueue(input([daily(dueFroms)], [req("CC7.1", ["c-1"], "ready")]));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: "due_soon",
      ref: "DATA-04",
      count: DUE_SOON_DAYS,
      frequency: "daily",
      first: { date: addDays(TODAY, 1) },
      dueBy: addDays(TODAY, DUE_SOON_DAYS),
    });
  });

  it("includes a due date exactly 14 days away and leaves out 15", () => {
    expect(
      workQueue(input([daily([addDays(TODAY, 14)])], [req("A", ["c-1"], "ready")])),
    ).toHaveLength(1);
    expect(workQueue(input([daily([addDays(TODAY, 15)])], [req("A", ["c-1"], "ready")]))).toEqual(
      [],
    );
  });

  it("leaves out upcoming and covered slots", () => {
    const c = control({
      operating: {
        slots: [
          slot({ key: "a", state: "upcoming", dueFrom: addDays(TODAY, 3) }),
          slot({ key: "b", state: "covered", dueFrom: addDays(TODAY, 3) }),
        ],
      },
    });
    expect(workQueue(input([c], [req("A", ["c-1"], "ready")]))).toEqual([]);
  });
});

describe("workQueue: design evidence expiring within 30 days (Type II)", () => {
  // Counts through latestEvidence + 365: that day is `expiresOn`.
  const withEvidence = (latestEvidence: string) =>
    control({ design: { reasons: [], latestEvidence } });
  const expiringOn = (days: number) => withEvidence(addDays(TODAY, days - 365));

  it("lists evidence whose last valid day is 30 days away, not 31", () => {
    const at30 = workQueue(input([expiringOn(EXPIRING_DAYS)], [req("A", ["c-1"], "ready")]));
    expect(at30).toEqual([
      expect.objectContaining({ kind: "expiring", expiresOn: addDays(TODAY, EXPIRING_DAYS) }),
    ]);
    expect(workQueue(input([expiringOn(EXPIRING_DAYS + 1)], [req("A", ["c-1"], "ready")]))).toEqual(
      [],
    );
  });

  it("lists evidence whose last valid day is today", () => {
    expect(workQueue(input([expiringOn(0)], [req("A", ["c-1"], "ready")]))[0]).toMatchObject({
      kind: "expiring",
      expiresOn: TODAY,
    });
  });

  it("leaves out evidence that stays valid through the period end, and every Type I", () => {
    const c = expiringOn(10);
    const periodEnd = addDays(TODAY, 10);
    expect(workQueue(input([c], [req("A", ["c-1"], "ready")], { periodEnd }))).toEqual([]);
    const typeI = input([c], [req("A", ["c-1"], "ready")], { periodEnd: null });
    typeI.readiness = { ...typeI.readiness, type: "TYPE_I" };
    expect(workQueue(typeI)).toEqual([]);
  });
});

describe("workQueue: ordering", () => {
  it("sorts by requirements unblocked, then kind, then the oldest date, then name", () => {
    const missing = (id: string, ref: string, end: string) =>
      control({
        controlId: id,
        ref,
        ready: false,
        operating: { slots: [slot({ key: end, state: "missing", end })] },
      });
    const wide = control({
      controlId: "c-wide",
      ref: "ZZ-99",
      ready: false,
      design: { reasons: [{ code: "no_owner" }], latestEvidence: null },
    });
    const items = workQueue(
      input(
        [missing("c-late", "AA-02", "2026-10-01"), missing("c-old", "AA-03", "2026-09-01"), wide],
        [
          req("R1", ["c-late", "c-old", "c-wide"]),
          req("R2", ["c-wide"]),
          { requirementId: "R3", status: "unmapped", controlIds: [] },
        ],
      ),
    );
    expect(items.map((item) => item.key)).toEqual([
      "design:c-wide",
      "unmapped:R3",
      "missing:c-old",
      "missing:c-late",
    ]);
  });
});

describe("filterWork", () => {
  const a = control({
    controlId: "a",
    ref: "A",
    ready: false,
    design: { reasons: [{ code: "no_description" }], latestEvidence: null },
  });
  const b = control({
    controlId: "b",
    ref: "B",
    ready: false,
    reasons: [{ code: "open_exception", text: "1 open exception" }],
  });
  const queueInput = input(
    [a, b],
    [req("R", ["a", "b"]), { requirementId: "U", status: "unmapped", controlIds: [] }],
    {
      owners: new Map([
        ["a", "alice"],
        ["b", null],
      ]),
    },
  );
  const items = workQueue(queueInput);

  it("filters by kind", () => {
    expect(filterWork(items, { kind: "exception" }).map((i) => i.key)).toEqual(["exception:b"]);
  });

  it("filters by owner, and 'none' finds work nobody owns", () => {
    expect(filterWork(items, { owner: "alice" }).map((i) => i.key)).toEqual(["design:a"]);
    expect(
      filterWork(items, { owner: "none" })
        .map((i) => i.key)
        .sort(),
    ).toEqual(["exception:b", "unmapped:U"]);
  });

  it("combines both", () => {
    expect(filterWork(items, { owner: "alice", kind: "exception" })).toEqual([]);
  });
});
