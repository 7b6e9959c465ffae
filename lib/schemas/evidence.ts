import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { EVIDENCE_PURPOSES, EXCEPTION_SEVERITIES, isSafeLink } from "@/lib/domain/evidence";
import { NOTE_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { formList } from "./form";
import { withinMarkdownLimits } from "./markdown";
import { FormId, multiLine, singleLine } from "./text";
import { VersionField } from "./version";

const Id = FormId;
const IsoDate = singleLine({ error: "Enter a date." }).refine(
  isIsoDate,
  "Enter a date as YYYY-MM-DD.",
);
const OptionalIsoDate = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  IsoDate.optional(),
);

const EvidenceCommon = z.object({
  controlIds: formList(Id).pipe(
    z.array(Id).min(1, "Link the evidence to at least one control.").max(200),
  ),
  purpose: z.enum(EVIDENCE_PURPOSES, { error: "Choose design or operating." }),
  title: singleLine()
    .min(2, "Give the evidence a short title.")
    .max(200, "Use at most 200 characters."),
  effectiveDate: IsoDate,
  coverageEnd: OptionalIsoDate,
  eventId: z.preprocess((value) => (value === "" ? undefined : value), Id.optional()),
});

function checkRange<T extends { effectiveDate: string; coverageEnd?: string }>(
  input: T,
  context: z.RefinementCtx,
): void {
  if (input.coverageEnd && input.coverageEnd < input.effectiveDate) {
    context.addIssue({
      code: "custom",
      path: ["coverageEnd"],
      message: "The range must end on or after the effective date.",
    });
  }
}

const MAX_NOTE_CHARS = 50_000;

export const NoteEvidenceInput = EvidenceCommon.extend({
  note: multiLine()
    .trim()
    .min(1, "Write the note.")
    .max(MAX_NOTE_CHARS, "Keep notes under 50,000 characters.")
    .superRefine(withinMarkdownLimits(NOTE_MARKDOWN_LIMITS, "note", MAX_NOTE_CHARS)),
}).superRefine(checkRange);
export type NoteEvidenceInput = z.infer<typeof NoteEvidenceInput>;

export const LinkEvidenceInput = EvidenceCommon.extend({
  url: singleLine()
    .max(2000, "That link is too long.")
    .refine(isSafeLink, "Enter a web address starting with https:// or http://."),
}).superRefine(checkRange);
export type LinkEvidenceInput = z.infer<typeof LinkEvidenceInput>;

/** The metadata sent with an upload (the bytes travel separately). */
export const FileEvidenceInput = EvidenceCommon.superRefine(checkRange);
export type FileEvidenceInput = z.infer<typeof FileEvidenceInput>;

export const LinkEvidenceToControlsInput = z.object({
  evidenceId: Id,
  version: VersionField,
  controlIds: formList(Id).pipe(
    z.array(Id).min(1, "Pick at least one control.").max(200, "Pick at most 200 controls at once."),
  ),
});
export const DeleteEvidenceInput = z.object({ evidenceId: Id, version: VersionField });

export const PopulationEventInput = z.object({
  controlId: Id,
  date: IsoDate,
  reference: singleLine()
    .min(1, "Give the event a reference (ticket number, employee id…).")
    .max(100, "Use at most 100 characters."),
  description: singleLine().max(1000, "Use at most 1,000 characters.").default(""),
});
export type PopulationEventInput = z.infer<typeof PopulationEventInput>;

export const PopulationCsvInput = z.object({
  controlId: Id,
  csv: multiLine()
    .min(1, "Paste or choose a CSV file.")
    .max(2_000_000, "The CSV is larger than 2 MB."),
});

export const ExceptionInput = z.object({
  controlId: Id,
  date: IsoDate,
  description: multiLine()
    .trim()
    .min(5, "Describe what happened.")
    .max(5000, "Use at most 5,000 characters."),
  severity: z.enum(EXCEPTION_SEVERITIES, { error: "Choose a severity." }),
});
export type ExceptionInput = z.infer<typeof ExceptionInput>;

export const RemediateExceptionInput = z.object({
  exceptionId: Id,
  version: VersionField,
  remediationNote: multiLine()
    .trim()
    .min(5, "Say how it was remediated.")
    .max(5000, "Use at most 5,000 characters."),
});
