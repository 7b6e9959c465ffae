import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { EmailField } from "./auth";
import { formList } from "./form";
import { FormId, multiLine, singleLine } from "./text";

const Id = FormId;
const LastDay = singleLine({ error: "Choose the last day of access." }).refine(
  isIsoDate,
  "Enter a date as YYYY-MM-DD.",
);

export const InviteAuditorInput = z.object({
  email: EmailField,
  engagementIds: formList(Id).pipe(
    z.array(Id).min(1, "Choose at least one engagement.").max(50, "Choose at most 50 engagements."),
  ),
  lastDay: LastDay,
});
export type InviteAuditorInput = z.infer<typeof InviteAuditorInput>;

export const AuditorAccessIdInput = z.object({ accessId: Id });
export const AuditorUserInput = z.object({ userId: Id });
export const ExtendAuditorAccessInput = z.object({ accessId: Id, lastDay: LastDay });

/** What an auditor asks: on a requirement, a control or a description section. */
export const RequestBody = multiLine({ error: "Write the request." })
  .trim()
  .min(3, "Write at least 3 characters.")
  .max(5_000, "Keep requests under 5,000 characters.");

export const CreateAuditorRequestInput = z
  .object({
    engagementId: Id,
    requirementId: z.preprocess((value) => (value === "" ? undefined : value), Id.optional()),
    controlId: z.preprocess((value) => (value === "" ? undefined : value), Id.optional()),
    body: RequestBody,
  })
  .refine((input) => (input.requirementId === undefined) !== (input.controlId === undefined), {
    message: "A request is about one requirement or one control.",
    path: ["body"],
  });
export type CreateAuditorRequestInput = z.infer<typeof CreateAuditorRequestInput>;

export const CloseAuditorRequestInput = z.object({
  requestId: Id,
  answer: multiLine()
    .trim()
    .max(5_000, "Keep answers under 5,000 characters.")
    .optional()
    .default(""),
  evidenceIds: formList(Id).pipe(z.array(Id).max(50, "Attach at most 50 evidence items.")),
});
export type CloseAuditorRequestInput = z.infer<typeof CloseAuditorRequestInput>;
