import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import {
  EVIDENCE_PURPOSES,
  EXCEPTION_SEVERITIES,
  EXCEPTION_STATUSES,
  isSafeLink,
} from "@/lib/domain/evidence";
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

/**
 * The occurrence operating evidence is for (readiness-rules.md section 3): a slot key such as
 * "2026-Q1" or an event's id; blank is none. Whether it suits the controls is checked with them.
 */
const SlotKeyField = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  singleLine()
    .max(64, "That occurrence is not valid.")
    .regex(/^[A-Za-z0-9_-]+$/, "That occurrence is not valid.")
    .optional(),
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
  slotKey: SlotKeyField,
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

/**
 * The contract ignores a slot key on design evidence; it is dropped here, so a form that still
 * carries one (the picker hidden once "design" is chosen) stores evidence that means what it shows.
 */
function dropDesignSlot<T extends { purpose: string; slotKey?: string }>(input: T): T {
  return input.purpose === "design" ? { ...input, slotKey: undefined } : input;
}

const MAX_NOTE_CHARS = 50_000;
const NoteText = multiLine()
  .trim()
  .min(1, "Write the note.")
  .max(MAX_NOTE_CHARS, "Keep notes under 50,000 characters.")
  .superRefine(withinMarkdownLimits(NOTE_MARKDOWN_LIMITS, "note", MAX_NOTE_CHARS));
const LinkUrl = singleLine()
  .max(2000, "That link is too long.")
  .refine(isSafeLink, "Enter a web address starting with https:// or http://.");

export const NoteEvidenceInput = EvidenceCommon.extend({ note: NoteText })
  .superRefine(checkRange)
  .transform(dropDesignSlot);
export type NoteEvidenceInput = z.infer<typeof NoteEvidenceInput>;

export const LinkEvidenceInput = EvidenceCommon.extend({ url: LinkUrl })
  .superRefine(checkRange)
  .transform(dropDesignSlot);
export type LinkEvidenceInput = z.infer<typeof LinkEvidenceInput>;

/** The metadata sent with an upload (the bytes travel separately). */
export const FileEvidenceInput = EvidenceCommon.superRefine(checkRange).transform(dropDesignSlot);
export type FileEvidenceInput = z.infer<typeof FileEvidenceInput>;

export const LinkEvidenceToControlsInput = z.object({
  evidenceId: Id,
  version: VersionField,
  controlIds: formList(Id).pipe(
    z.array(Id).min(1, "Pick at least one control.").max(200, "Pick at most 200 controls at once."),
  ),
});
/**
 * A correction of any evidence item, from the version it was loaded at. The note is changed only
 * on a note and the address only on a link; a file's bytes are never replaced (delete and add).
 */
export const UpdateEvidenceInput = EvidenceCommon.extend({
  evidenceId: Id,
  version: VersionField,
  note: z.preprocess((value) => (value === "" ? undefined : value), NoteText.optional()),
  url: z.preprocess((value) => (value === "" ? undefined : value), LinkUrl.optional()),
})
  .superRefine(checkRange)
  .transform(dropDesignSlot);
export type UpdateEvidenceInput = z.infer<typeof UpdateEvidenceInput>;

/** Why a record is deleted: kept in the activity log with what was deleted. */
const DeleteReason = multiLine({ error: "Say why it is deleted." })
  .trim()
  .min(3, "Say why it is deleted.")
  .max(1000, "Use at most 1,000 characters.");

export const DeleteEvidenceInput = z.object({
  evidenceId: Id,
  version: VersionField,
  reason: DeleteReason,
});

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

const RemediationNote = multiLine()
  .trim()
  .min(5, "Say how it was remediated.")
  .max(5000, "Use at most 5,000 characters.");

/** A correction of any field of an exception; a remediated one needs its remediation note. */
export const UpdateExceptionInput = ExceptionInput.extend({
  exceptionId: Id,
  version: VersionField,
  status: z.enum(EXCEPTION_STATUSES, { error: "Choose open or remediated." }),
  remediationNote: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    RemediationNote.optional(),
  ),
})
  .omit({ controlId: true })
  .superRefine((input, context) => {
    if (input.status === "remediated" && !input.remediationNote)
      context.addIssue({
        code: "custom",
        path: ["remediationNote"],
        message: "Say how it was remediated.",
      });
  });
export type UpdateExceptionInput = z.infer<typeof UpdateExceptionInput>;

export const DeleteExceptionInput = z.object({
  exceptionId: Id,
  version: VersionField,
  reason: DeleteReason,
});

export const RemediateExceptionInput = z.object({
  exceptionId: Id,
  version: VersionField,
  remediationNote: RemediationNote,
});
