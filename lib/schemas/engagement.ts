import { z } from "zod";
import { TSC_CATEGORIES } from "@/lib/domain/catalog";
import { isIsoDate } from "@/lib/domain/dates";
import { REPORT_FAMILIES, REPORT_TYPES, SUBSERVICE_METHODS } from "@/lib/domain/engagements";
import { CheckboxField, formList, LinesField } from "./form";
import { FormId, multiLine, singleLine } from "./text";
import { VersionField } from "./version";

const IsoDate = singleLine().refine(isIsoDate, "Enter a date as YYYY-MM-DD.");
const Blank = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  IsoDate.optional(),
);

export const SubserviceInput = z.object({
  name: singleLine().min(1, "Name the subservice organisation.").max(200),
  services: singleLine().max(1000).default(""),
  method: z.enum(SUBSERVICE_METHODS, { error: "Choose carve-out or inclusive." }),
  csocs: z
    .array(singleLine().max(1000))
    .max(100)
    .default([])
    .transform((lines) => lines.filter(Boolean)),
});
export type SubserviceInput = z.infer<typeof SubserviceInput>;

const SubservicesField = z.preprocess(
  (value) => {
    if (typeof value !== "string" || value.trim() === "") return [];
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
  z.array(SubserviceInput, { error: "The subservice organisations could not be read." }).max(50),
);

export const EngagementInput = z
  .object({
    name: singleLine().min(2, "Use at least 2 characters.").max(120, "Use at most 120 characters."),
    family: z.enum(REPORT_FAMILIES, { error: "Choose SOC 1, SOC 2 or ISAE 3402." }),
    type: z.enum(REPORT_TYPES, { error: "Choose Type I or Type II." }),
    asOfDate: Blank,
    periodStart: Blank,
    periodEnd: Blank,
    categories: formList(z.enum(TSC_CATEGORIES, { error: "Unknown category." })),
    objectiveIds: formList(FormId).pipe(
      z.array(z.string()).max(500, "Choose at most 500 objectives."),
    ),
    cuecs: LinesField,
    userResponsibilities: LinesField,
    subservices: SubservicesField,
  })
  .superRefine((input, context) => {
    if (input.type === "TYPE_I" && !input.asOfDate) {
      context.addIssue({
        code: "custom",
        path: ["asOfDate"],
        message: "A Type I report needs an as-of date.",
      });
    }
    if (input.type === "TYPE_II") {
      if (!input.periodStart)
        context.addIssue({
          code: "custom",
          path: ["periodStart"],
          message: "A Type II report needs a period start.",
        });
      if (!input.periodEnd)
        context.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "A Type II report needs a period end.",
        });
      if (input.periodStart && input.periodEnd && input.periodStart > input.periodEnd) {
        context.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "The period must end on or after its start.",
        });
      }
    }
  });
export type EngagementInput = z.infer<typeof EngagementInput>;

export const EngagementIdInput = z.object({ engagementId: FormId });
export const UpdateEngagementInput = EngagementIdInput.extend({ version: VersionField }).and(
  EngagementInput,
);
export const ArchiveEngagementInput = EngagementIdInput.extend({
  archived: CheckboxField,
  version: VersionField,
});

const RequirementId = singleLine().min(1).max(100);

export const NotApplicableInput = z.object({
  engagementId: FormId,
  requirementId: RequirementId,
  justification: multiLine()
    .trim()
    .min(10, "Explain in at least 10 characters why this does not apply.")
    .max(2000, "Use at most 2,000 characters."),
});
export const ClearNotApplicableInput = z.object({
  engagementId: FormId,
  requirementId: RequirementId,
  exclusionId: FormId,
});

const RecommendedEngagement = z.object({
  family: z.enum(REPORT_FAMILIES),
  type: z.enum(REPORT_TYPES),
  categories: z.array(z.enum(TSC_CATEGORIES)).default([]),
});

/** The questionnaire's outcome turned into engagements: which ones, and the dates for each type. */
export const CreateRecommendedInput = z
  .object({
    recommendations: z.preprocess(
      (value) => {
        if (typeof value !== "string") return value;
        try {
          return JSON.parse(value);
        } catch {
          return undefined;
        }
      },
      z
        .array(RecommendedEngagement, { error: "Answer the questions first." })
        .min(1, "Nothing to create.")
        .max(5),
    ),
    asOfDate: Blank,
    periodStart: Blank,
    periodEnd: Blank,
  })
  .superRefine((input, context) => {
    const needsTypeI = input.recommendations.some((r) => r.type === "TYPE_I");
    const needsTypeII = input.recommendations.some((r) => r.type === "TYPE_II");
    if (needsTypeI && !input.asOfDate)
      context.addIssue({
        code: "custom",
        path: ["asOfDate"],
        message: "Choose the as-of date for the Type I report.",
      });
    if (needsTypeII && !input.periodStart)
      context.addIssue({
        code: "custom",
        path: ["periodStart"],
        message: "Choose when the Type II period starts.",
      });
    if (needsTypeII && !input.periodEnd)
      context.addIssue({
        code: "custom",
        path: ["periodEnd"],
        message: "Choose when the Type II period ends.",
      });
    if (input.periodStart && input.periodEnd && input.periodStart > input.periodEnd) {
      context.addIssue({
        code: "custom",
        path: ["periodEnd"],
        message: "The period must end on or after its start.",
      });
    }
  });
