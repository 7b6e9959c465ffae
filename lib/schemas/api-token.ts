import { z } from "zod";
import { API_TOKEN_ROLES } from "@/lib/domain/api-tokens";
import { isIsoDate } from "@/lib/domain/dates";
import { formList } from "./form";
import { FormId, singleLine } from "./text";

/** The tokens page's form: a name, a role, every engagement or some, and the day it expires. */
export const CreateApiTokenFormInput = z
  .object({
    name: singleLine({ error: "Give the token a name." })
      .trim()
      .min(1, "Give the token a name, such as the job that uses it.")
      .max(100, "Use at most 100 characters."),
    role: z.enum(API_TOKEN_ROLES, { error: "Choose viewer or editor." }),
    engagementLimit: z.enum(["all", "some"], { error: "Choose every engagement or some." }),
    engagementIds: formList(FormId).pipe(
      z.array(FormId).max(100, "Choose at most 100 engagements."),
    ),
    expiresOn: singleLine({ error: "Choose the day the token expires." }).refine(
      isIsoDate,
      "Enter a date as YYYY-MM-DD.",
    ),
  })
  .superRefine((input, context) => {
    if (input.engagementLimit === "some" && input.engagementIds.length === 0)
      context.addIssue({
        code: "custom",
        path: ["engagementIds"],
        message: "Choose at least one engagement, or every engagement.",
      });
  })
  .transform(({ engagementLimit, engagementIds, ...input }) => ({
    ...input,
    engagementIds: engagementLimit === "all" ? null : engagementIds,
  }));
export type CreateApiTokenFormInput = z.infer<typeof CreateApiTokenFormInput>;

export const RevokeApiTokenInput = z.object({ tokenId: FormId });
