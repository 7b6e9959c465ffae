// What an evidence pack says about a note or a link, and which entries are worth compressing.
import type { ExportEvidence } from "@/lib/domain/export/types";

const PURPOSE_LABEL: Record<ExportEvidence["purpose"], string> = {
  design: "Design",
  operating: "Operating effectiveness",
};
const WINDOW_LABEL: Record<ExportEvidence["window"], string> = {
  in_window: "Inside the engagement window",
  before_window: "Before the engagement window",
  after_window: "After the engagement window",
};

/** A note as Markdown: a small header of facts, a rule, then the note's own Markdown. */
export function noteMarkdown(evidence: ExportEvidence): string {
  return `${header(evidence)}\n---\n\n${(evidence.note ?? "").trim()}\n`;
}

/** A link as Markdown: the same header with the URL. */
export function linkMarkdown(evidence: ExportEvidence): string {
  return header(evidence, [`URL: ${oneLine(evidence.url ?? "")}`]);
}

function header(evidence: ExportEvidence, extra: string[] = []): string {
  const facts = [
    `Effective date: ${evidence.effectiveDate}`,
    ...(evidence.coverageEnd ? [`Coverage end: ${evidence.coverageEnd}`] : []),
    `Purpose: ${PURPOSE_LABEL[evidence.purpose]}`,
    `Window: ${WINDOW_LABEL[evidence.window]}`,
    `Controls: ${evidence.controlRefs.join(", ")}`,
    ...(evidence.requirementCodes.length > 0
      ? [`Requirements: ${evidence.requirementCodes.join(", ")}`]
      : []),
    ...(evidence.eventReference ? [`Event: ${oneLine(evidence.eventReference)}`] : []),
    `Uploaded by: ${oneLine(evidence.uploadedBy)} on ${evidence.createdAt}`,
    ...extra,
  ];
  return `# ${oneLine(evidence.title)}\n\n${facts.map((fact) => `- ${fact}`).join("\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// Formats that are already compressed gain nothing from deflate but cost CPU on a pack of
// thousands of files, so they are STOREd; everything else (Markdown, JSON, CSV, text, logs)
// shrinks well and is deflated at a fast level.
const ALREADY_COMPRESSED = new Set([
  "pdf",
  "zip",
  "gz",
  "tgz",
  "7z",
  "rar",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "webp",
  "heic",
  "avif",
  "xlsx",
  "docx",
  "pptx",
  "odt",
  "ods",
  "odp",
  "mp4",
  "mov",
  "mp3",
  "m4a",
]);
export const DEFLATE_LEVEL = 6;

function isAlreadyCompressed(name: string): boolean {
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && ALREADY_COMPRESSED.has(extension);
}

/** Entries smaller than this are stored as they are: see shouldStore. */
const STORE_BELOW_BYTES = 16 * 1024;

/**
 * Whether an entry goes into the ZIP uncompressed: when it is compressed already, or small
 * (`size` known, under STORE_BELOW_BYTES). Deflating a few KB saves a few KB, and each deflated
 * entry is a round trip to zlib's thread; for thousands of small files those round trips were
 * most of the pack's time. Larger text (CSV exports, logs) is still deflated.
 */
export function shouldStore(name: string, size: number | undefined): boolean {
  return isAlreadyCompressed(name) || (size !== undefined && size < STORE_BELOW_BYTES);
}
