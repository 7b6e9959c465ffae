import { z } from "zod";
import { PAPERWORK_KINDS } from "@/lib/domain/export/paperwork";
import { PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { withinMarkdownLimits } from "./markdown";
import { FormId, multiLine } from "./text";

/** The largest draft the PDF route renders (the textarea holds the same limit). */
export const MAX_PAPERWORK_CHARS = 200_000;
/** JSON escaping can double the body; anything longer is refused before it is parsed. */
export const MAX_PAPERWORK_BODY_BYTES = 4 * MAX_PAPERWORK_CHARS;

/** A draft edited in the browser, sent to be laid out as a PDF. */
export const PaperworkPdfInput = z.object({
  kind: z.enum(PAPERWORK_KINDS, { error: "Choose a management assertion or a bridge letter." }),
  markdown: multiLine({ error: "Send the draft as text." })
    .max(
      MAX_PAPERWORK_CHARS,
      `Keep the draft under ${MAX_PAPERWORK_CHARS.toLocaleString("en-GB")} characters.`,
    )
    .refine((text) => text.trim().length > 0, "The draft is empty.")
    .superRefine(withinMarkdownLimits(PAPERWORK_MARKDOWN_LIMITS, "draft", MAX_PAPERWORK_CHARS)),
});
export type PaperworkPdfInput = z.infer<typeof PaperworkPdfInput>;

/** A draft saved on the server from the paperwork page, carrying the version it was loaded at. */
export const SavePaperworkDraftInput = PaperworkPdfInput.extend({
  engagementId: FormId,
  version: z.coerce.number().int().min(0),
});
export type SavePaperworkDraftInput = z.infer<typeof SavePaperworkDraftInput>;
