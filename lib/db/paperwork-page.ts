import "server-only";
import { canWriteDescription } from "@/lib/domain/description/states";
import {
  bridgeLetterDraft,
  bridgeLetterUnavailable,
  bridgeToProblem,
  bridgeToRange,
  managementAssertionDraft,
  paperworkFileBase,
  type PaperworkKind,
} from "@/lib/domain/export/paperwork";
import type { OrgContext } from "./context";
import { loadEngagementExport } from "./export-data";
import type { EngagementHeader } from "./org-readiness";
import { changesSince } from "./paperwork";
import { loadPaperworkDraft } from "./paperwork-drafts";

// The paperwork page in one call: the document asked for (management's assertion, or a bridge
// letter up to a chosen day), generated from the engagement's data or, once saved, the saved
// text, with what the bridge letter allows and the viewer's right to save.

type BridgeOption =
  { available: true; first: string; last: string } | { available: false; reason: string };

export type PaperworkPage = {
  orgSlug: string;
  engagement: EngagementHeader;
  kind: PaperworkKind;
  bridge: BridgeOption;
  bridgeTo: string;
  /** Why the chosen bridgeTo day cannot be used (the draft is then null). */
  bridgeToError?: string;
  /** The saved text when there is one, else the generated draft; null when it could not be made. */
  markdown: string | null;
  /** File name without extension, e.g. "management-assertion-draft-soc-2-2026-11-28". */
  fileBase: string;
  /** The version the editor loads at (0: never saved) and the saved draft's number and time. */
  draft: { version: number; saved: { number: number; at: string } | null };
  permissions: { save: boolean };
};

/**
 * `query.kind` and `query.bridgeTo` are what the URL asked for (null: no day chosen); a bridge
 * letter the engagement does not allow falls back to the assertion. Another organisation's
 * engagement, or one outside an auditor's, is NOT_FOUND.
 */
export async function loadPaperworkPage(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
  query: { kind: PaperworkKind; bridgeTo: string | null },
): Promise<PaperworkPage> {
  const { summary } = await loadEngagementExport(ctx, engagementId, now);
  const { engagement, today } = summary;

  const unavailable = bridgeLetterUnavailable(engagement, today);
  const range =
    !unavailable && engagement.periodEnd ? bridgeToRange(engagement.periodEnd, today) : null;
  const bridge: BridgeOption = range
    ? { available: true, ...range }
    : { available: false, reason: unavailable ?? "" };
  const kind: PaperworkKind = query.kind === "bridge" && range ? "bridge" : "assertion";
  const bridgeTo = query.bridgeTo ?? range?.last ?? today;
  const bridgeToError =
    kind === "bridge" && engagement.periodEnd
      ? (bridgeToProblem(engagement.periodEnd, today, bridgeTo) ?? undefined)
      : undefined;
  const bridgeFrom = kind === "bridge" && !bridgeToError ? engagement.periodEnd : null;

  const [changes, saved] = await Promise.all([
    bridgeFrom
      ? changesSince(ctx, engagement.id, bridgeFrom, { until: bridgeTo })
      : Promise.resolve(null),
    loadPaperworkDraft(ctx, engagement.id, kind),
  ]);
  const generated =
    kind === "assertion"
      ? managementAssertionDraft(summary)
      : changes
        ? bridgeLetterDraft(summary, { bridgeTo, changes })
        : null;

  return {
    orgSlug: ctx.orgSlug,
    engagement: {
      id: engagement.id,
      name: engagement.name,
      family: engagement.family,
      type: engagement.type,
      asOfDate: engagement.asOfDate,
      periodStart: engagement.periodStart,
      periodEnd: engagement.periodEnd,
    },
    kind,
    bridge,
    bridgeTo,
    bridgeToError,
    markdown: saved && generated !== null ? saved.body : generated,
    fileBase: paperworkFileBase(kind, engagement.name, today),
    draft: {
      version: saved?.version ?? 0,
      saved: saved
        ? {
            number: saved.currentVersion,
            at: saved.savedAt.toISOString().slice(0, 16).replace("T", " "),
          }
        : null,
    },
    permissions: { save: canWriteDescription(ctx.role) },
  };
}
