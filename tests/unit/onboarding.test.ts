import { describe, expect, it } from "vitest";
import { onboardingProgress } from "@/lib/domain/onboarding";

const NEW = { firstEngagementId: null, controls: 0, firstMappedControlId: null, evidence: 0 };

describe("onboardingProgress", () => {
  it("starts a new organisation at the questionnaire, nothing done", () => {
    const progress = onboardingProgress(NEW, "/o/acme");
    expect(progress.done).toBe(0);
    expect(progress.total).toBe(4);
    expect(progress.steps.map((step) => [step.key, step.done, step.href])).toEqual([
      ["questionnaire", false, "/o/acme/questionnaire"],
      ["controls", false, "/o/acme/controls/starter"],
      ["mapping", false, "/o/acme/controls"],
      ["evidence", false, "/o/acme/controls"],
    ]);
  });

  it("links mapping to the first engagement and evidence to the first mapped control", () => {
    const progress = onboardingProgress(
      { firstEngagementId: "eng1", controls: 3, firstMappedControlId: "ctl1", evidence: 0 },
      "/o/acme",
    );
    expect(progress.done).toBe(3);
    expect(progress.steps.map((step) => step.href)).toEqual([
      "/o/acme/questionnaire",
      "/o/acme/controls/starter",
      "/o/acme/engagements/eng1",
      "/o/acme/controls/ctl1#add-evidence",
    ]);
    expect(progress.steps.find((step) => !step.done)?.key).toBe("evidence");
  });

  it("counts each step on its own fact", () => {
    expect(onboardingProgress({ ...NEW, evidence: 1 }, "/o/a").done).toBe(1);
    expect(onboardingProgress({ ...NEW, controls: 1 }, "/o/a").steps[1]?.done).toBe(true);
  });
});
