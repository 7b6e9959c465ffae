import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plural } from "@/lib/domain/plural";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("plural", () => {
  it.each([
    [0, "engagement", undefined, "0 engagements"],
    [1, "engagement", undefined, "1 engagement"],
    [2, "engagement", undefined, "2 engagements"],
    [1, "entry", "entries", "1 entry"],
    [3, "entry", "entries", "3 entries"],
  ])("writes %i %s out", (n, one, many, text) => {
    expect(plural(n, one, many)).toBe(text);
  });

  it("leaves no 'item(s)' in what the pages, messages, exports and scripts say", () => {
    const offenders = ["components", "app", "lib", "scripts"]
      .flatMap(sourceFiles)
      .filter((path) => !path.includes("generated"))
      .flatMap((path) =>
        readFileSync(path, "utf8")
          .split("\n")
          .map((line, index) => ({ where: `${path}:${index + 1}`, line: line.trim() }))
          .filter(({ line }) => !/^(\/\/|\/\*|\*)/.test(line) && /[a-z]\(s\)/.test(line))
          .map(({ where }) => where),
      );
    expect(offenders).toEqual([]);
  });
});
