import { describe, expect, it } from "vitest";
import { applyChoices } from "@/lib/domain/choices";

describe("applyChoices", () => {
  it("is the chosen set when nothing changed since the form was shown", () => {
    expect(applyChoices(["a", "b"], ["a", "b"], ["b", "c"])).toEqual(["b", "c"]);
  });

  it("applies this user's ticks and unticks, and keeps what someone else added or removed meanwhile", () => {
    // The form showed a and b. Meanwhile someone removed b and added x; this user unticked a and ticked c.
    expect(applyChoices(["x"], ["a", "b"], ["b", "c"])).toEqual(["c", "x"]);
  });

  it("changes nothing someone else did when this user changed nothing", () => {
    expect(applyChoices(["a", "x"], ["a", "b"], ["a", "b"])).toEqual(["a", "x"]);
  });

  it("adds nothing twice and removes what this user unticked", () => {
    expect(applyChoices(["a", "c"], ["a"], ["c"])).toEqual(["c"]);
  });
});
