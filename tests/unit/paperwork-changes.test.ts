import { describe, expect, it } from "vitest";
import {
  changeList,
  describeChange,
  PAPERWORK_ACTIONS,
  type ChangeEntry,
  type ChangeScope,
} from "@/lib/domain/paperwork-changes";

// Every sentence a bridge letter's "what changed" list can hold, and when an entry says nothing.

const scope: ChangeScope = {
  controls: new Set(["c-acc", "c-pay"]),
  codeOf: new Map([
    ["r-cc61", "CC6.1"],
    ["r-cc72", "CC7.2"],
  ]),
  refOf: new Map([
    ["c-acc", "ACC-01"],
    ["c-pay", "PAY-01"],
    ["c-out", "OUT-01"],
  ]),
  exceptionControl: new Map([
    ["x-acc", "c-acc"],
    ["x-out", "c-out"],
  ]),
};

let seq = 0;
function entry(
  action: string,
  entityId: string,
  payload: { before?: unknown; after?: unknown } = {},
  day = "2026-03-02",
): ChangeEntry {
  seq += 1;
  return {
    seq,
    action,
    entityId,
    before: payload.before === undefined ? null : JSON.stringify(payload.before),
    after: payload.after === undefined ? null : JSON.stringify(payload.after),
    createdAt: new Date(`${day}T10:00:00.000Z`),
  };
}

const say = (change: ChangeEntry) => describeChange(scope, change);

describe("the sentence for one entry", () => {
  it("names a control of the engagement created, updated or bulk-updated", () => {
    expect(say(entry("control.created", "c-acc"))).toBe("Control ACC-01 created");
    expect(say(entry("control.updated", "c-pay"))).toBe("Control PAY-01 updated");
    expect(say(entry("control.bulk_updated", "c-acc"))).toBe("Control ACC-01 updated");
  });

  it("says nothing about controls outside the engagement", () => {
    for (const action of ["control.created", "control.updated", "control.bulk_updated"])
      expect(say(entry(action, "c-out"))).toBeNull();
  });

  it("lists in-scope requirements a control was mapped to or unmapped from, sorted", () => {
    const mapped = entry("control.mappings_changed", "c-acc", {
      before: { criterionIds: [], objectiveIds: [] },
      after: { criterionIds: ["r-cc72", "r-cc61", "r-other"], objectiveIds: [] },
    });
    expect(say(mapped)).toBe("Control ACC-01 mapped to CC6.1, CC7.2");
    const unmapped = entry("control.mappings_changed", "c-acc", {
      before: { criterionIds: ["r-cc61"], objectiveIds: [] },
      after: { criterionIds: [] },
    });
    expect(say(unmapped)).toBe("Control ACC-01 unmapped from CC6.1");
    const both = entry("control.mappings_changed", "c-out", {
      before: { objectiveIds: ["r-cc72"] },
      after: { criterionIds: ["r-cc61"] },
    });
    expect(say(both)).toBe("Control OUT-01 mapped to CC6.1; unmapped from CC7.2");
  });

  it("says nothing when a mapping change touches no requirement in scope", () => {
    const elsewhere = entry("control.mappings_changed", "c-acc", {
      before: { criterionIds: ["r-other"] },
      after: { criterionIds: ["r-else"] },
    });
    expect(say(elsewhere)).toBeNull();
    const same = entry("control.mappings_changed", "c-acc", {
      before: { criterionIds: ["r-cc61"] },
      after: { criterionIds: ["r-cc61"] },
    });
    expect(say(same)).toBeNull();
  });

  it("names a deleted or unknown control as 'a control'", () => {
    const change = entry("control.mappings_changed", "c-gone", {
      after: { criterionIds: ["r-cc61"] },
    });
    expect(say(change)).toBe("Control a control mapped to CC6.1");
  });

  it("lists the controls added to and removed from a requirement in scope", () => {
    const added = entry("requirement.controls_changed", "r-cc61", {
      before: { controlIds: [] },
      after: { controlIds: ["c-pay", "c-acc"] },
    });
    expect(say(added)).toBe("Controls for CC6.1 changed: added ACC-01, PAY-01");
    const removed = entry("requirement.controls_changed", "r-cc61", {
      before: { controlIds: ["c-acc"] },
      after: { controlIds: [] },
    });
    expect(say(removed)).toBe("Controls for CC6.1 changed: removed ACC-01");
    const both = entry("requirement.controls_changed", "r-cc72", {
      before: { controlIds: ["c-acc", "c-gone"] },
      after: { controlIds: ["c-out"] },
    });
    expect(say(both)).toBe("Controls for CC7.2 changed: added OUT-01; removed ACC-01, a control");
  });

  it("says nothing about a requirement outside the engagement or an unchanged list", () => {
    const outside = entry("requirement.controls_changed", "r-other", {
      after: { controlIds: ["c-acc"] },
    });
    expect(say(outside)).toBeNull();
    const unchanged = entry("requirement.controls_changed", "r-cc61", {
      before: { controlIds: ["c-acc"] },
      after: { controlIds: ["c-acc"] },
    });
    expect(say(unchanged)).toBeNull();
  });

  it("names the in-scope controls evidence was added to, linked to or removed from", () => {
    const added = entry("evidence.added", "e-1", {
      after: { controlIds: ["c-pay", "c-out", "c-acc"] },
    });
    expect(say(added)).toBe("Evidence added to ACC-01, PAY-01");
    const linked = entry("evidence.linked", "e-1", {
      before: { controlIds: ["c-acc"] },
      after: { controlIds: ["c-acc", "c-pay"] },
    });
    expect(say(linked)).toBe("Evidence linked to PAY-01");
    const deleted = entry("evidence.deleted", "e-1", { before: { controlIds: ["c-acc"] } });
    expect(say(deleted)).toBe("Evidence removed from ACC-01");
  });

  it("says nothing about evidence that touches no control in scope", () => {
    expect(say(entry("evidence.added", "e-1", { after: { controlIds: ["c-out"] } }))).toBeNull();
    const relinked = entry("evidence.linked", "e-1", {
      before: { controlIds: ["c-acc"] },
      after: { controlIds: ["c-acc", "c-out"] },
    });
    expect(say(relinked)).toBeNull();
    expect(say(entry("evidence.deleted", "e-1", { before: { controlIds: [] } }))).toBeNull();
  });

  it("names the control of an exception recorded or remediated", () => {
    const recorded = entry("exception.recorded", "x-new", { after: { controlId: "c-acc" } });
    expect(say(recorded)).toBe("Exception recorded on ACC-01");
    expect(say(entry("exception.remediated", "x-acc"))).toBe("Exception on ACC-01 remediated");
  });

  it("says nothing about exceptions of other controls or unknown exceptions", () => {
    expect(say(entry("exception.recorded", "x-new", { after: { controlId: "c-out" } }))).toBeNull();
    expect(say(entry("exception.recorded", "x-new", { after: { controlId: 7 } }))).toBeNull();
    expect(say(entry("exception.remediated", "x-out"))).toBeNull();
    expect(say(entry("exception.remediated", "x-unknown"))).toBeNull();
  });

  it("tells population events added, imported and removed apart", () => {
    expect(say(entry("population.event_added", "c-pay"))).toBe("Population of PAY-01 events added");
    expect(say(entry("population.imported", "c-pay"))).toBe("Population of PAY-01 events added");
    expect(say(entry("population.event_removed", "c-pay"))).toBe(
      "Population of PAY-01 event removed",
    );
    expect(say(entry("population.event_added", "c-out"))).toBeNull();
  });

  it("ignores other actions and payloads that are not objects", () => {
    expect(say(entry("member.added", "c-acc"))).toBeNull();
    const odd = entry("evidence.added", "e-1", { after: ["c-acc"] });
    expect(say(odd)).toBeNull();
    const notAList = entry("evidence.added", "e-1", { after: { controlIds: "c-acc" } });
    expect(say(notAList)).toBeNull();
  });

  it("reads exactly the actions it can describe", () => {
    const described = PAPERWORK_ACTIONS.filter(
      (action) =>
        describeChange(
          { ...scope, controls: new Set(["c-acc"]) },
          entry(action, action.startsWith("requirement") ? "r-cc61" : "c-acc", {
            before: {
              controlIds: action === "evidence.deleted" ? ["c-acc"] : [],
              criterionIds: [],
            },
            after: { controlIds: ["c-acc"], controlId: "c-acc", criterionIds: ["r-cc61"] },
          }),
        ) !== null,
    );
    expect(described).toEqual(
      PAPERWORK_ACTIONS.filter((action) => action !== "exception.remediated"),
    );
  });
});

describe("the list of changes", () => {
  it("lists sentences in order and counts repeats on the same day", () => {
    const list = changeList(10);
    list.add(scope, entry("control.updated", "c-acc", {}, "2026-03-02"));
    list.add(scope, entry("control.created", "c-out", {}, "2026-03-02"));
    list.add(scope, entry("control.updated", "c-acc", {}, "2026-03-02"));
    list.add(scope, entry("control.updated", "c-acc", {}, "2026-03-03"));
    list.add(scope, entry("control.created", "c-pay", {}, "2026-03-03"));
    expect(list.changes()).toEqual([
      { date: "2026-03-02", text: "Control ACC-01 updated (2 times)" },
      { date: "2026-03-03", text: "Control ACC-01 updated" },
      { date: "2026-03-03", text: "Control PAY-01 created" },
    ]);
  });

  it("sums up what is past the limit in one line dated by the last of them", () => {
    const one = changeList(1);
    one.add(scope, entry("control.created", "c-acc", {}, "2026-03-02"));
    one.add(scope, entry("control.created", "c-pay", {}, "2026-03-04"));
    expect(one.changes()).toEqual([
      { date: "2026-03-02", text: "Control ACC-01 created" },
      {
        date: "2026-03-04",
        text: "… and 1 more change up to this day (see the activity log)",
      },
    ]);

    const many = changeList(1);
    many.add(scope, entry("control.created", "c-acc", {}, "2026-03-02"));
    many.add(scope, entry("control.created", "c-pay", {}, "2026-03-04"));
    many.add(scope, entry("control.created", "c-acc", {}, "2026-03-02"));
    many.add(scope, entry("control.updated", "c-pay", {}, "2026-03-06"));
    expect(many.changes()).toEqual([
      { date: "2026-03-02", text: "Control ACC-01 created (2 times)" },
      {
        date: "2026-03-06",
        text: "… and 2 more changes up to this day (see the activity log)",
      },
    ]);
  });

  it("is empty when nothing concerns the engagement", () => {
    const list = changeList(5);
    list.add(scope, entry("control.updated", "c-out"));
    expect(list.changes()).toEqual([]);
  });
});
