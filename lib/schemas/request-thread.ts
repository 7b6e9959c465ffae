import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { NOTE_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { formList } from "./form";
import { withinMarkdownLimits } from "./markdown";
import { FormId, multiLine, singleLine } from "./text";
import { VersionField } from "./version";

const MAX_REPLY_CHARS = 10_000;
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ReplyToRequestInput = z.object({
  requestId: FormId,
  version: z.preprocess(blankToUndefined, VersionField.optional()),
  /** reply: a message only; answer: the team answers; reopen: the auditor sends it back. */
  intent: z.enum(["reply", "answer", "reopen"]).default("reply"),
  body: multiLine({ error: "Write a reply." })
    .trim()
    .min(2, "Write a reply.")
    .max(MAX_REPLY_CHARS, "Keep replies under 10,000 characters.")
    .superRefine(withinMarkdownLimits(NOTE_MARKDOWN_LIMITS, "reply", MAX_REPLY_CHARS)),
  evidenceIds: formList(FormId).pipe(z.array(FormId).max(50, "Attach at most 50 evidence items.")),
});
export type ReplyToRequestInput = z.infer<typeof ReplyToRequestInput>;

export const AcceptRequestInput = z.object({ requestId: FormId, version: VersionField });
export type AcceptRequestInput = z.infer<typeof AcceptRequestInput>;

export const ScheduleRequestInput = z.object({
  requestId: FormId,
  version: VersionField,
  assigneeId: z.preprocess(blankToUndefined, FormId.optional()),
  dueDate: z.preprocess(
    blankToUndefined,
    singleLine().refine(isIsoDate, "Enter a date as YYYY-MM-DD.").optional(),
  ),
});
export type ScheduleRequestInput = z.infer<typeof ScheduleRequestInput>;

export const SetRequestLinksInput = z.object({
  requestId: FormId,
  version: VersionField,
  /** Codes typed in one field ("CC6.1, CC6.2") or sent as a list. */
  requirementCodes: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value.split(/[,;\s]+/).filter(Boolean)
        : Array.isArray(value)
          ? value
          : [],
    z
      .array(singleLine().max(64, "That code is too long."))
      .max(50, "Link at most 50 requirements."),
  ),
  controlIds: formList(FormId).pipe(z.array(FormId).max(50, "Link at most 50 controls.")),
});
export type SetRequestLinksInput = z.infer<typeof SetRequestLinksInput>;

export const REQUEST_FILTER_DUE = ["overdue", "this-week"] as const;
