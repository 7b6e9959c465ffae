// The vocabulary of evidence (readiness-rules.md, sections 3 and 5).

export const EVIDENCE_KINDS = ["note", "file", "link"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_PURPOSES = ["design", "operating"] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

export const EXCEPTION_SEVERITIES = ["low", "medium", "high"] as const;
export type ExceptionSeverity = (typeof EXCEPTION_SEVERITIES)[number];

export const EXCEPTION_STATUSES = ["open", "remediated"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** Only web links: a stored URL is later rendered as a link, so no javascript: or data: schemes. */
export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/** The uploaded name reduced to metadata: no folders, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control and format characters (incl. right-to-left overrides that disguise extensions) go.
  const kept = base.replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  // Cut by code points, not UTF-16 units, so a character is never split in half.
  const cleaned = [...kept].slice(0, 200).join("").trimEnd();
  return cleaned || "file";
}

/** Types a browser shows without running anything (served sandboxed); everything else downloads. */
const VIEWABLE_INLINE_TYPES: ReadonlySet<string> = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
]);

export function isViewableInline(contentType: string | null): boolean {
  return contentType !== null && VIEWABLE_INLINE_TYPES.has(contentType);
}

/**
 * The other controls an item supports, seen from one control's page: "also supports" never
 * lists the control being looked at.
 */
export function alsoSupportedRefs(
  linked: readonly { id: string; ref: string }[],
  currentControlId: string,
): string[] {
  return linked.filter((control) => control.id !== currentControlId).map((control) => control.ref);
}
