import { describe, expect, it } from "vitest";
import {
  completeAnswers,
  EMPTY_DRAFT,
  recommendReports,
  type QuestionnaireDraft,
} from "@/lib/domain/questionnaire";

const draft = (changes: Partial<QuestionnaireDraft>): QuestionnaireDraft => ({
  ...EMPTY_DRAFT,
  ...changes,
});

describe("questionnaire answers", () => {
  it("starts with nothing chosen", () => {
    expect(EMPTY_DRAFT).toEqual({
      affectsFinancialReporting: null,
      clientRegion: null,
      securityQuestions: null,
      extraCategories: [],
      firstReport: null,
      neededSoon: null,
      previousPeriodEnded: null,
    });
  });

  it("recommends nothing until the questions are answered, saying which are open", () => {
    const result = completeAnswers(EMPTY_DRAFT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.unanswered)).toEqual([
      "affectsFinancialReporting",
      "securityQuestions",
      "firstReport",
    ]);
    expect(result.unanswered.affectsFinancialReporting).toBe(
      "Choose whether your service affects your clients' financial reporting.",
    );
  });

  it("asks the follow-ups that earlier answers open", () => {
    const open = (changes: Partial<QuestionnaireDraft>) => {
      const result = completeAnswers(draft(changes));
      return result.ok ? [] : Object.keys(result.unanswered);
    };
    const rest = { securityQuestions: false };
    expect(open({ ...rest, affectsFinancialReporting: true, firstReport: true })).toEqual([
      "clientRegion",
      "neededSoon",
    ]);
    expect(open({ ...rest, affectsFinancialReporting: false, firstReport: false })).toEqual([
      "previousPeriodEnded",
    ]);
  });

  it("turns a complete draft into the recommendation's answers", () => {
    const result = completeAnswers(
      draft({
        affectsFinancialReporting: true,
        clientRegion: "international",
        securityQuestions: false,
        firstReport: true,
        neededSoon: true,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(recommendReports(result.answers).recommendations).toMatchObject([
      { family: "ISAE3402", type: "TYPE_I" },
    ]);
  });

  it("ignores a follow-up answered before its question was closed again", () => {
    const result = completeAnswers(
      draft({
        affectsFinancialReporting: false,
        clientRegion: "us",
        securityQuestions: true,
        firstReport: true,
        neededSoon: false,
        previousPeriodEnded: true,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers.previousPeriodEnded).toBe(false);
    expect(recommendReports(result.answers).recommendations).toMatchObject([
      { family: "SOC2", type: "TYPE_II" },
    ]);
  });
});
