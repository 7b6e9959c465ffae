import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CONTROL_STATUS_LABELS,
  EVIDENCE_KIND_LABELS,
  EXCEPTION_STATUS_LABELS,
  FREQUENCY_LABELS,
  labelledOptions,
  labelOf,
  NATURE_LABELS,
  PURPOSE_LABELS,
  REQUIREMENT_STATUS_LABELS,
  SEVERITY_LABELS,
  WINDOW_LABELS,
} from "@/lib/domain/labels";
import { CONTROL_STATUSES } from "@/lib/domain/controls";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const VOCABULARIES = {
  CONTROL_STATUS_LABELS,
  FREQUENCY_LABELS,
  NATURE_LABELS,
  REQUIREMENT_STATUS_LABELS,
  WINDOW_LABELS,
  EVIDENCE_KIND_LABELS,
  PURPOSE_LABELS,
  SEVERITY_LABELS,
  EXCEPTION_STATUS_LABELS,
};

describe("labels", () => {
  it.each(Object.entries(VOCABULARIES))("%s are words, not codes", (_name, labels) => {
    for (const word of Object.values(labels)) expect(word).toMatch(/^[A-Z][A-Za-z -]*$/);
  });

  it("reads a stored string as its word, and keeps a code it does not know", () => {
    expect(labelOf(NATURE_LABELS, "it_dependent_manual")).toBe("IT-dependent manual");
    expect(labelOf(FREQUENCY_LABELS, "semi_annual")).toBe("Semi-annual");
    expect(labelOf(FREQUENCY_LABELS, "fortnightly")).toBe("fortnightly");
    expect(labelOf(FREQUENCY_LABELS, "toString")).toBe("toString");
  });

  it("offers each stored value with its word", () => {
    expect(labelledOptions(CONTROL_STATUSES, CONTROL_STATUS_LABELS)).toEqual([
      { value: "draft", label: "Draft" },
      { value: "designed", label: "Designed" },
      { value: "implemented", label: "Implemented" },
      { value: "retired", label: "Retired" },
    ]);
  });

  it("leaves no select showing its stored values as their own labels", () => {
    const offenders = ["components", "app"]
      .flatMap(sourceFiles)
      .filter((path) =>
        /\(\s*(\w+)\s*\)\s*=>\s*\(\{\s*value:\s*\1,\s*label:\s*\1\s*\}\)/.test(
          readFileSync(path, "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
