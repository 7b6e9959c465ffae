import "server-only";
import type { DiffPart } from "@/lib/domain/description/diff";
import {
  allowedMoves,
  canWriteDescription,
  type SectionState,
} from "@/lib/domain/description/states";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { loadDescription, type DescriptionView, type SectionView } from "./description";
import {
  attachableEvidence,
  compareSectionVersions,
  sectionVersions,
  type SectionVersionRow,
} from "./description-history";
import { listMembers } from "./members";
import { NOT_WRITTEN, sectionRequests, type SectionRequest } from "./request-sections";

// The system description's pages in one call each: the list of sections with the description's
// completeness, and one section with its versions, the comparison asked for, the auditor's
// requests on it and, for writers, the owners and evidence they may choose.

export type DescriptionPage = DescriptionView & { orgSlug: string };

type Option = { value: string; label: string };

export type SectionPage = {
  orgSlug: string;
  engagementId: string;
  /** The description's completeness ("8 of 11 sections approved"), for the link back. */
  completenessText: string;
  section: SectionView;
  /** Control refs of the organisation (ref → id), for [[REF]] links. */
  controlRefs: Map<string, string>;
  versions: SectionVersionRow[];
  /** The two versions the query asked to compare and their difference (null: none asked). */
  diff: { from: number; to: number; parts: DiffPart[]; complete: boolean } | null;
  /** The team members a writer may make the owner (empty for readers). */
  owners: Option[];
  /** The evidence a writer may attach (empty for readers). */
  attachable: Option[];
  requests: SectionRequest[];
  /** Why a request cannot be left on the section yet (it is not written), or null. */
  requestBlocked: string | null;
  /** The states the viewer may move the section to (none for readers or a section not started). */
  moves: SectionState[];
  /** write: edit the section; requests: the team answers, the auditor asks, others read. */
  permissions: { write: boolean; requests: "team" | "auditor" | "reader" };
};

/** Another organisation's engagement, or one outside an auditor's scope, is NOT_FOUND. */
export async function loadDescriptionPage(
  ctx: OrgContext,
  engagementId: string,
): Promise<DescriptionPage> {
  const view = await loadDescription(ctx, engagementId);
  return { orgSlug: ctx.orgSlug, ...view };
}

/**
 * One section of the engagement's description, by its outline key; a key outside the outline is
 * NOT_FOUND, and so is a comparison of versions the section does not have.
 */
export async function loadSectionPage(
  ctx: OrgContext,
  engagementId: string,
  sectionKey: string,
  compare: { from: number; to: number } | null,
): Promise<SectionPage> {
  const view = await loadDescription(ctx, engagementId);
  const section = view.sections.find((candidate) => candidate.key === sectionKey);
  if (!section) throw notFound();
  const id = view.engagement.id;
  const write = canWriteDescription(ctx.role);
  const [versions, diff, members, evidence, requests] = await Promise.all([
    section.id ? sectionVersions(ctx, id, section.id) : Promise.resolve([]),
    section.id && compare
      ? compareSectionVersions(ctx, id, section.id, compare.from, compare.to)
      : Promise.resolve(null),
    write ? listMembers(ctx) : Promise.resolve([]),
    write ? attachableEvidence(ctx) : Promise.resolve([]),
    sectionRequests(ctx, id, section.key),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    engagementId: id,
    completenessText: view.completenessText,
    section,
    controlRefs: view.controlRefs,
    versions,
    diff: diff && compare ? { ...compare, ...diff } : null,
    owners: members
      .filter((member) => member.role !== "auditor")
      .map((member) => ({ value: member.userId, label: member.name })),
    attachable: evidence.map((item) => ({ value: item.id, label: item.title })),
    requests,
    requestBlocked: section.id ? null : NOT_WRITTEN,
    moves: write && section.id ? allowedMoves(ctx.role, section.state) : [],
    permissions: {
      write,
      requests: can(ctx.role, "request.resolve")
        ? "team"
        : can(ctx.role, "request.create")
          ? "auditor"
          : "reader",
    },
  };
}
