import { describe, expect, it } from "vitest";
import { completenessText, descriptionCompleteness } from "@/lib/domain/description/completeness";
import { MAX_DIFF_EDITS, wordDiff } from "@/lib/domain/description/diff";
import { generatedDraft, type SourceData } from "@/lib/domain/description/generated";
import { descriptionOutline, outlineSection } from "@/lib/domain/description/outline";
import { linkRefs, printedRefs, splitRefs, unknownRefs } from "@/lib/domain/description/refs";
import {
  allowedMoves,
  stateAfterEdit,
  transitionProblem,
  type SectionState,
} from "@/lib/domain/description/states";
import { ROLES } from "@/lib/domain/permissions";

const data = (overrides: Partial<SourceData> = {}): SourceData => ({
  cuecs: [],
  subservices: [],
  notApplicable: [],
  objectives: [],
  ...overrides,
});

describe("descriptionOutline", () => {
  it("gives SOC 2 Type II ten sections, the period's changes last", () => {
    const outline = descriptionOutline("SOC2", "TYPE_II");
    expect(outline).toHaveLength(10);
    expect(outline.at(-1)?.key).toBe("changes");
    expect(outline.filter((s) => s.source).map((s) => s.key)).toEqual([
      "cuecs",
      "subservices",
      "not_applicable",
    ]);
  });

  it("leaves the period's changes out of a Type I report", () => {
    expect(descriptionOutline("SOC2", "TYPE_I").map((s) => s.key)).not.toContain("changes");
    expect(outlineSection("SOC2", "TYPE_I", "changes")).toBeUndefined();
  });

  it("gives SOC 1 and ISAE 3402 the transaction-centred outline with objectives from the mappings", () => {
    for (const family of ["SOC1", "ISAE3402"] as const) {
      const keys = descriptionOutline(family, "TYPE_II").map((s) => s.key);
      expect(keys).toEqual([
        "services",
        "transactions",
        "reports",
        "itgc",
        "objectives",
        "events",
        "cuecs",
        "subservices",
      ]);
      expect(outlineSection(family, "TYPE_II", "objectives")?.source).toBe("objectives");
    }
  });

  it("has a unique key, a title and guidance for every section", () => {
    for (const family of ["SOC2", "SOC1"] as const) {
      const outline = descriptionOutline(family, "TYPE_II");
      expect(new Set(outline.map((s) => s.key)).size).toBe(outline.length);
      for (const section of outline) {
        expect(section.title.length).toBeGreaterThan(5);
        expect(section.guidance.length).toBeGreaterThan(40);
      }
    }
  });
});

describe("generatedDraft", () => {
  it("lists CUECs, or says there are none", () => {
    expect(generatedDraft("cuecs", data({ cuecs: ["Tell us of leavers"] }))).toBe(
      "- Tell us of leavers",
    );
    expect(generatedDraft("cuecs", data())).toMatch(/No controls/);
  });

  it("writes subservice organisations as a table, escaping pipes", () => {
    const draft = generatedDraft(
      "subservices",
      data({
        subservices: [
          { name: "Cloud | Co", services: "Hosting", method: "carve_out", csocs: ["Backups"] },
        ],
      }),
    );
    expect(draft.split("\n")).toEqual([
      "| Organisation | Services | Method | Controls expected of it |",
      "| --- | --- | --- | --- |",
      "| Cloud \\| Co | Hosting | Carve-out | Backups |",
    ]);
  });

  it("gives each N/A criterion its justification", () => {
    expect(
      generatedDraft(
        "not_applicable",
        data({ notApplicable: [{ code: "P3.1", justification: "We do not collect data" }] }),
      ),
    ).toBe("- **P3.1**: We do not collect data");
  });

  it("lists each objective with its controls as refs", () => {
    const draft = generatedDraft(
      "objectives",
      data({
        objectives: [
          { ref: "CO-1", title: "Access", objective: "Access is limited", controlRefs: ["AC-01"] },
          { ref: "CO-2", title: "Change", objective: "Changes are approved", controlRefs: [] },
        ],
      }),
    );
    expect(draft).toContain("### CO-1 Access\n\nAccess is limited\n\nControls: [[AC-01]]");
    expect(draft).toContain("Controls: no control mapped yet");
  });
});

describe("control refs", () => {
  const known = new Map([["AC-01", "c1"]]);

  it("splits text into pieces and resolves refs", () => {
    expect(splitRefs("See [[AC-01]] and [[ZZ-9]].", known)).toEqual([
      { kind: "text", text: "See " },
      { kind: "ref", ref: "AC-01", controlId: "c1" },
      { kind: "text", text: " and " },
      { kind: "ref", ref: "ZZ-9", controlId: null },
      { kind: "text", text: "." },
    ]);
  });

  it("lists unknown refs once each", () => {
    expect(unknownRefs("[[ZZ-9]] [[AC-01]] [[ZZ-9]] [[YY-1]]", known)).toEqual(["ZZ-9", "YY-1"]);
  });

  it("links known refs, flags unknown ones, and leaves code alone", () => {
    expect(linkRefs("[[AC-01]], [[ZZ-9]], `[[AC-01]]`", known, (id) => `/c/${id}`)).toBe(
      "[AC-01](/c/c1), **⚠ ZZ-9 (unknown control)**, `[[AC-01]]`",
    );
  });

  it("prints refs bare for a document, flags unknown ones, and leaves code alone", () => {
    expect(printedRefs("[[AC-01]], [[ZZ-9]], `[[AC-01]]`", ["ZZ-9"])).toBe(
      "AC-01, **ZZ-9 (unknown control)**, `[[AC-01]]`",
    );
  });

  it("ignores brackets that are not a ref", () => {
    expect(splitRefs("[[ ]] [[a b]] [x]", known)).toEqual([
      { kind: "text", text: "[[ ]] [[a b]] [x]" },
    ]);
  });
});

describe("completeness", () => {
  it("counts approved, in review and empty sections", () => {
    const sections: { state: SectionState; body: string }[] = [
      { state: "approved", body: "x" },
      { state: "in_review", body: "y" },
      { state: "draft", body: " " },
    ];
    const completeness = descriptionCompleteness(sections);
    expect(completeness).toEqual({ approved: 1, inReview: 1, total: 3, empty: 1 });
    expect(completenessText(completeness)).toBe("1 of 3 sections approved");
    expect(completenessText(descriptionCompleteness([]))).toBe("0 of 0 sections approved");
  });
});

describe("wordDiff", () => {
  it("marks the words added and removed", () => {
    expect(wordDiff("the quick fox", "the slow fox").parts).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " fox" },
    ]);
  });

  it("gives up on two unrelated long texts and shows one replaced by the other", () => {
    const words = (seed: string) =>
      Array.from({ length: MAX_DIFF_EDITS * 2 }, (_, i) => `${seed}${i}`).join(" ");
    const result = wordDiff(words("a"), words("b"));
    expect(result.complete).toBe(false);
    expect(result.parts.map((part) => part.kind)).toEqual(["removed", "added"]);
  });

  it("has nothing to show for two equal texts", () => {
    expect(wordDiff("same", "same")).toEqual({
      parts: [{ kind: "same", text: "same" }],
      complete: true,
    });
  });
});

describe("section states", () => {
  it("lets editors submit and withdraw, and only admins and owners approve", () => {
    expect(transitionProblem("editor", "draft", "in_review")).toBeNull();
    expect(transitionProblem("editor", "in_review", "draft")).toBeNull();
    expect(transitionProblem("editor", "in_review", "approved")).toMatch(/admins and owners/);
    expect(transitionProblem("admin", "in_review", "approved")).toBeNull();
    expect(transitionProblem("owner", "approved", "draft")).toBeNull();
    expect(transitionProblem("admin", "draft", "approved")).toMatch(/cannot be moved/);
  });

  it("gives viewers and auditors no move at all", () => {
    for (const role of ["viewer", "auditor"] as const)
      for (const from of ["draft", "in_review", "approved"] as const)
        expect(allowedMoves(role, from)).toEqual([]);
  });

  it("lists each role's moves", () => {
    const moves = Object.fromEntries(ROLES.map((role) => [role, allowedMoves(role, "in_review")]));
    expect(moves).toEqual({
      owner: ["draft", "approved"],
      admin: ["draft", "approved"],
      editor: ["draft"],
      viewer: [],
      auditor: [],
    });
  });

  it("sends an edited section back to draft, keeps it when the text is unchanged", () => {
    expect(stateAfterEdit("approved", true)).toBe("draft");
    expect(stateAfterEdit("in_review", true)).toBe("draft");
    expect(stateAfterEdit("approved", false)).toBe("approved");
  });
});
