import type { TscCategory } from "./catalog";
import type { ReportFamily, ReportType } from "./engagements";

// "Which report do we need?" A few questions in, recommended engagements out, each with the
// reasons shown to the user. Two reports (SOC 1 + SOC 2, ISAE 3402 + SOC 2) is a normal outcome.

export const CLIENT_REGIONS = ["us", "international", "both"] as const;
export type ClientRegion = (typeof CLIENT_REGIONS)[number];

export type QuestionnaireAnswers = {
  affectsFinancialReporting: boolean;
  /** Where the clients and their auditors are. */
  clientRegion: ClientRegion;
  securityQuestions: boolean;
  extraCategories: readonly Exclude<TscCategory, "security">[];
  firstReport: boolean;
  reportNeededWithinMonths: number | null;
  previousPeriodEnded: boolean;
};

export type Recommendation = {
  family: ReportFamily;
  type: ReportType;
  categories: TscCategory[];
  reasons: string[];
};

export type QuestionnaireResult = { recommendations: Recommendation[]; notes: string[] };

function recommendedType(answers: QuestionnaireAnswers): { type: ReportType; reason: string } {
  if (
    answers.firstReport &&
    answers.reportNeededWithinMonths !== null &&
    answers.reportNeededWithinMonths < 6
  ) {
    return {
      type: "TYPE_I",
      reason:
        "This is your first report and it is needed within 6 months: a Type I (design at one date) is achievable now; plan a Type II period after it.",
    };
  }
  if (answers.firstReport) {
    return {
      type: "TYPE_II",
      reason:
        "This is your first report: a Type II with a short first period (3 to 6 months) shows controls operating without a long wait.",
    };
  }
  return {
    type: "TYPE_II",
    reason:
      "You have reported before: customers and their auditors expect a Type II covering 6 to 12 months of operation.",
  };
}

export function recommendReports(answers: QuestionnaireAnswers): QuestionnaireResult {
  const { type, reason: typeReason } = recommendedType(answers);
  const recommendations: Recommendation[] = [];

  if (answers.affectsFinancialReporting) {
    const base =
      "Your service affects your clients' financial reporting, so their auditors rely on a report on the controls relevant to it.";
    if (answers.clientRegion !== "international") {
      recommendations.push({
        family: "SOC1",
        type,
        categories: [],
        reasons: [base, "US clients and their auditors expect SOC 1 (SSAE 18).", typeReason],
      });
    }
    if (answers.clientRegion !== "us") {
      recommendations.push({
        family: "ISAE3402",
        type,
        categories: [],
        reasons: [
          base,
          "Clients and auditors outside the US usually ask for ISAE 3402, the international standard for the same report.",
          typeReason,
        ],
      });
    }
  }

  if (answers.securityQuestions || answers.extraCategories.length > 0) {
    const categories: TscCategory[] = ["security", ...answers.extraCategories];
    const reasons = [
      "Customers ask how you protect their data and systems: SOC 2 reports on that against the Trust Services Criteria. Security is always in scope.",
    ];
    if (answers.extraCategories.length)
      reasons.push(
        `Customers also ask about ${answers.extraCategories.map((c) => c.replace("_", " ")).join(", ")}, so those categories are added.`,
      );
    recommendations.push({ family: "SOC2", type, categories, reasons: [...reasons, typeReason] });
  }

  const notes: string[] = [];
  if (recommendations.length === 0) {
    notes.push(
      "Nothing you answered calls for a SOC report yet. If customers start asking about security, a SOC 2 is the usual starting point.",
    );
  }
  if (recommendations.length > 1) {
    notes.push(
      "Several reports can share one control set: map each control once and it serves every engagement it belongs to.",
    );
  }
  if (answers.previousPeriodEnded) {
    notes.push(
      "Your last report period has ended: customers may ask for a bridge letter covering the gap until the next report (usually no more than 3 months).",
    );
  }
  return { recommendations, notes };
}

/** The questionnaire as the user is filling it in: nothing is answered until they choose. */
export type QuestionnaireDraft = {
  affectsFinancialReporting: boolean | null;
  clientRegion: ClientRegion | null;
  securityQuestions: boolean | null;
  extraCategories: readonly Exclude<TscCategory, "security">[];
  firstReport: boolean | null;
  /** Asked of a first report. */
  neededSoon: boolean | null;
  /** Asked when a report was issued before. */
  previousPeriodEnded: boolean | null;
};

export type QuestionKey = Exclude<keyof QuestionnaireDraft, "extraCategories">;

export const EMPTY_DRAFT: QuestionnaireDraft = {
  affectsFinancialReporting: null,
  clientRegion: null,
  securityQuestions: null,
  extraCategories: [],
  firstReport: null,
  neededSoon: null,
  previousPeriodEnded: null,
};

const UNANSWERED: Record<QuestionKey, string> = {
  affectsFinancialReporting:
    "Choose whether your service affects your clients' financial reporting.",
  clientRegion: "Choose where those clients and their auditors are.",
  securityQuestions: "Choose whether customers ask how you secure their data and systems.",
  firstReport: "Choose whether this is your first report.",
  neededSoon: "Choose whether you need a report within the next 6 months.",
  previousPeriodEnded: "Choose whether your last report period has already ended.",
};

/** The questions the draft asks, in order: the follow-ups depend on earlier answers. */
export function askedQuestions(draft: QuestionnaireDraft): QuestionKey[] {
  return [
    "affectsFinancialReporting",
    ...(draft.affectsFinancialReporting ? (["clientRegion"] as const) : []),
    "securityQuestions",
    "firstReport",
    ...(draft.firstReport === true ? (["neededSoon"] as const) : []),
    ...(draft.firstReport === false ? (["previousPeriodEnded"] as const) : []),
  ];
}

/** The answers when every question asked has one; otherwise what to say at each unanswered one. */
export function completeAnswers(
  draft: QuestionnaireDraft,
):
  | { ok: true; answers: QuestionnaireAnswers }
  | { ok: false; unanswered: Partial<Record<QuestionKey, string>> } {
  const missing = askedQuestions(draft).filter((key) => draft[key] === null);
  if (missing.length > 0)
    return {
      ok: false,
      unanswered: Object.fromEntries(missing.map((key) => [key, UNANSWERED[key]])),
    };
  return {
    ok: true,
    answers: {
      affectsFinancialReporting: draft.affectsFinancialReporting === true,
      clientRegion: draft.clientRegion ?? "us",
      securityQuestions: draft.securityQuestions === true,
      extraCategories: draft.extraCategories,
      firstReport: draft.firstReport === true,
      reportNeededWithinMonths: draft.firstReport && draft.neededSoon ? 3 : null,
      previousPeriodEnded: draft.firstReport === false && draft.previousPeriodEnded === true,
    },
  };
}
