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
