import { z } from "zod";
import { SECTION_STATES } from "@/lib/domain/description/states";
import { PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { RequestBody } from "./auditor";
import { withinMarkdownLimits } from "./markdown";
import { FormId, multiLine, singleLine } from "./text";

/** The longest section text; the Markdown limits of paperwork drafts bound its structure. */
export const MAX_SECTION_CHARS = 100_000;

const SectionKey = singleLine({ error: "Missing section." }).regex(
  /^[a-z_]{1,40}$/,
  "Unknown section.",
);

/** A section's text saved from the editor, carrying the version it was loaded at. */
export const SaveSectionInput = z.object({
  engagementId: FormId,
  key: SectionKey,
  title: singleLine({ error: "Give the section a title." })
    .trim()
    .min(1, "Give the section a title.")
    .max(200, "Keep the title under 200 characters."),
  body: multiLine({ error: "Send the section as text." })
    .max(
      MAX_SECTION_CHARS,
      `Keep a section under ${MAX_SECTION_CHARS.toLocaleString("en-GB")} characters.`,
    )
    .superRefine(withinMarkdownLimits(PAPERWORK_MARKDOWN_LIMITS, "section", MAX_SECTION_CHARS)),
  /** Where a section saved for the first time lives: shared by the organisation, or this engagement's. */
  scope: z.enum(["shared", "engagement"]).default("engagement"),
  version: z.coerce.number().int().min(0),
});
export type SaveSectionInput = z.infer<typeof SaveSectionInput>;

export const ChangeSectionStateInput = z.object({
  sectionId: FormId,
  to: z.enum(SECTION_STATES, { error: "Choose draft, in review or approved." }),
  version: z.coerce.number().int().min(0),
});
export type ChangeSectionStateInput = z.infer<typeof ChangeSectionStateInput>;

export const SetSectionOwnerInput = z.object({
  sectionId: FormId,
  ownerId: z.union([FormId, z.literal("")]).transform((value) => (value === "" ? null : value)),
  version: z.coerce.number().int().min(0),
});
export type SetSectionOwnerInput = z.infer<typeof SetSectionOwnerInput>;

export const SectionEvidenceInput = z.object({ sectionId: FormId, evidenceId: FormId });
export type SectionEvidenceInput = z.infer<typeof SectionEvidenceInput>;

/** An auditor's request about one section of an engagement's description. */
export const CreateSectionRequestInput = z.object({
  engagementId: FormId,
  sectionKey: SectionKey,
  body: RequestBody,
});
export type CreateSectionRequestInput = z.infer<typeof CreateSectionRequestInput>;
