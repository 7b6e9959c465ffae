import { renderToString } from "react-dom/server";
import type { z } from "zod";
import { NoteMarkdown } from "@/components/evidence/note-markdown";
import { renderMarkdownPdf } from "@/lib/export/markdown-pdf";
import { NoteEvidenceInput } from "@/lib/schemas/evidence";
import { PaperworkPdfInput } from "@/lib/schemas/paperwork";
import { largestAccepted, plainParagraph } from "./bench-markdown-corpus";

// The fields of bench:markdown, each with what the product does with its text: the validation of
// the action or route that receives it, then, when accepted, the rendering its readers cause (a
// note: the control page's Markdown, rendered to HTML as the server does; a paperwork draft: the
// PDF's parse and layout).

export type Validation = { ok: true; text: string } | { ok: false; message: string };

export type BenchField = {
  name: string;
  /** The longest plain paragraph the validation accepts. */
  maxChars: number;
  /** Runs timed, after `warmups` that are not. */
  runs: number;
  warmups: 0 | 1;
  /** Each run of a case follows a run of the plain paragraph, the case's own floor. */
  alternate: boolean;
  validate: (text: string) => Validation;
  render: (text: string) => unknown;
};

function fieldResult<T>(
  result: z.ZodSafeParseResult<T>,
  field: string,
  text: (data: T) => string,
): Validation {
  if (result.success) return { ok: true, text: text(result.data) };
  return {
    ok: false,
    message:
      result.error.issues.find((issue) => issue.path[0] === field)?.message ??
      result.error.issues[0]?.message ??
      "refused",
  };
}

const validateNote = (note: string) =>
  fieldResult(
    NoteEvidenceInput.safeParse({
      controlIds: "control-1",
      purpose: "design",
      title: "Benchmark note",
      effectiveDate: "2026-01-15",
      note,
    }),
    "note",
    (data) => data.note,
  );

const validateDraft = (markdown: string) =>
  fieldResult(
    PaperworkPdfInput.safeParse({ kind: "assertion", markdown }),
    "markdown",
    (data) => data.markdown,
  );

/** The size limit of a field, found by asking its validation (up to 10 MB). */
function maxCharsOf(validate: (text: string) => Validation): number {
  return largestAccepted(10_000_000, (size) => validate(plainParagraph(size)).ok);
}

export function benchFields(): BenchField[] {
  return [
    {
      name: "note",
      maxChars: maxCharsOf(validateNote),
      runs: 5,
      warmups: 1,
      alternate: true,
      validate: validateNote,
      render: (note) => renderToString(<NoteMarkdown note={note} />),
    },
    {
      name: "paperwork",
      maxChars: maxCharsOf(validateDraft),
      // Each PDF takes seconds: the first run is timed too.
      runs: 3,
      warmups: 0,
      alternate: false,
      validate: validateDraft,
      render: (markdown) =>
        renderMarkdownPdf(markdown, {
          title: "Management assertion (draft) · Benchmark",
          footer: "Benchmark Ltd · Benchmark · DRAFT, not for issue",
        }),
    },
  ];
}
