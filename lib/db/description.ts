import "server-only";
import {
  completenessText,
  descriptionCompleteness,
  type Completeness,
} from "@/lib/domain/description/completeness";
import { generatedDraft, type SourceData } from "@/lib/domain/description/generated";
import { descriptionOutline, type SectionSource } from "@/lib/domain/description/outline";
import { unknownRefs } from "@/lib/domain/description/refs";
import { isSectionState, type SectionState } from "@/lib/domain/description/states";
import type { ReportFamily, ReportType } from "@/lib/domain/engagements";
import type { ExportDescription } from "@/lib/domain/export/types";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { getEngagement, type EngagementDetail } from "./engagements";

// The system description of one engagement: the family's outline, each section resolved to the
// engagement's own version when it has one, else the organisation's shared one, else not started.
// Reading needs org.view (auditors: only their engagements, via getEngagement's scope check);
// writing is in description-edit.ts. docs/decisions/0042-system-description.md.

export const SHARED_SCOPE = "shared";

export type SectionView = {
  key: string;
  title: string;
  guidance: string;
  source: SectionSource | null;
  /** null: never saved (the body is empty; `draft` holds a first draft when the data gives one). */
  id: string | null;
  scope: "shared" | "engagement" | null;
  /** A shared section exists under this key (so an override can go back to it). */
  sharedId: string | null;
  body: string;
  draft: string | null;
  state: SectionState;
  owner: { id: string; name: string } | null;
  stateChangedBy: string | null;
  stateChangedAt: Date | null;
  currentVersion: number;
  version: number;
  updatedAt: Date | null;
  evidence: { id: string; title: string }[];
  /** The text changed since the newest export sent to the auditor (false when none was sent). */
  changedSinceSent: boolean;
};

export type DescriptionView = {
  engagement: { id: string; name: string; family: ReportFamily; type: ReportType };
  sections: SectionView[];
  completeness: Completeness;
  completenessText: string;
  /** The newest export sent to the auditor that recorded the description, if any. */
  lastSent: { id: string; at: Date } | null;
  /** Control refs of the organisation (ref → id), for [[REF]] links. */
  controlRefs: Map<string, string>;
};

const sectionSelect = {
  id: true,
  key: true,
  scopeKey: true,
  title: true,
  body: true,
  state: true,
  stateChangedAt: true,
  currentVersion: true,
  version: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  evidence: { select: { evidence: { select: { id: true, title: true } } } },
} as const;

/** The newest export of the engagement sent to the auditor with the section versions it held. */
export async function lastSentExport(
  ctx: OrgContext,
  engagementId: string,
): Promise<{ id: string; at: Date; versions: Record<string, number> } | null> {
  const run = await getDb().exportRun.findFirst({
    where: {
      organizationId: ctx.orgId,
      engagementId,
      sentToAuditorAt: { not: null },
      descriptionVersions: { not: null },
    },
    orderBy: { sentToAuditorAt: "desc" },
    select: { id: true, sentToAuditorAt: true, descriptionVersions: true },
  });
  if (!run?.sentToAuditorAt || run.descriptionVersions === null) return null;
  const parsed: unknown = JSON.parse(run.descriptionVersions);
  const versions: Record<string, number> = {};
  if (parsed && typeof parsed === "object")
    for (const [id, number] of Object.entries(parsed))
      if (typeof number === "number") versions[id] = number;
  return { id: run.id, at: run.sentToAuditorAt, versions };
}

function sourceData(
  engagement: { cuecs: string[]; subservices: SourceData["subservices"] },
  requirements: Awaited<ReturnType<typeof engagementRequirements>>["requirements"],
): SourceData {
  return {
    cuecs: engagement.cuecs,
    subservices: engagement.subservices,
    notApplicable: requirements
      .filter((requirement) => requirement.justification !== null)
      .map((requirement) => ({
        code: requirement.code,
        justification: requirement.justification ?? "",
      })),
    objectives: requirements
      .filter(
        (requirement) => requirement.kind === "objective" && requirement.justification === null,
      )
      .map((requirement) => ({
        ref: requirement.code,
        title: requirement.title,
        objective: "",
        controlRefs: requirement.controls.map((control) => control.ref),
      })),
  };
}

/** The engagement's description, every section of its outline resolved, with completeness. */
export async function loadDescription(
  ctx: OrgContext,
  engagementId: string,
): Promise<DescriptionView> {
  assertCan(ctx, "org.view");
  const { engagement, requirements } = await engagementRequirements(ctx, engagementId);
  const outline = descriptionOutline(engagement.family, engagement.type);
  const db = getDb();
  const [rows, sent, controls] = await Promise.all([
    db.descriptionSection.findMany({
      where: {
        organizationId: ctx.orgId,
        scopeKey: { in: [SHARED_SCOPE, engagementId] },
        key: { in: outline.map((section) => section.key) },
      },
      select: { ...sectionSelect, stateChangedById: true },
    }),
    lastSentExport(ctx, engagementId),
    db.control.findMany({ where: { organizationId: ctx.orgId }, select: { id: true, ref: true } }),
  ]);
  const actorIds = [
    ...new Set(rows.flatMap((row) => (row.stateChangedById ? [row.stateChangedById] : []))),
  ];
  const actors = new Map(
    (
      await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    ).map((user) => [user.id, user.name]),
  );
  const data = sourceData(engagement, requirements);
  const sections = outline.map((item): SectionView => {
    const own = rows.find((row) => row.key === item.key && row.scopeKey === engagementId);
    const shared = rows.find((row) => row.key === item.key && row.scopeKey === SHARED_SCOPE);
    const row = own ?? shared;
    const draft = item.source ? generatedDraft(item.source, data) : null;
    if (!row)
      return {
        key: item.key,
        title: item.title,
        guidance: item.guidance,
        source: item.source ?? null,
        id: null,
        scope: null,
        sharedId: null,
        body: "",
        draft,
        state: "draft",
        owner: null,
        stateChangedBy: null,
        stateChangedAt: null,
        currentVersion: 0,
        version: 0,
        updatedAt: null,
        evidence: [],
        changedSinceSent: false,
      };
    return {
      key: item.key,
      title: row.title,
      guidance: item.guidance,
      source: item.source ?? null,
      id: row.id,
      scope: row === own ? "engagement" : "shared",
      sharedId: shared?.id ?? null,
      body: row.body,
      draft,
      state: isSectionState(row.state) ? row.state : "draft",
      owner: row.owner,
      stateChangedBy: row.stateChangedById ? (actors.get(row.stateChangedById) ?? null) : null,
      stateChangedAt: row.stateChangedAt,
      currentVersion: row.currentVersion,
      version: row.version,
      updatedAt: row.updatedAt,
      evidence: row.evidence.map((link) => link.evidence),
      changedSinceSent: sent !== null && sent.versions[row.id] !== row.currentVersion,
    };
  });
  const completeness = descriptionCompleteness(sections);
  return {
    engagement: {
      id: engagement.id,
      name: engagement.name,
      family: engagement.family,
      type: engagement.type,
    },
    sections,
    completeness,
    completenessText: completenessText(completeness),
    lastSent: sent ? { id: sent.id, at: sent.at } : null,
    controlRefs: new Map(controls.map((control) => [control.ref, control.id])),
  };
}

/**
 * Only the completeness ("8 of 11 sections approved"), for the dashboard and the PDF cover. A
 * caller that has read the engagement for this member passes it, saving the read.
 */
export async function descriptionCompletenessOf(
  ctx: OrgContext,
  engagementOrId: string | Pick<EngagementDetail, "id" | "family" | "type">,
): Promise<{ completeness: Completeness; text: string }> {
  assertCan(ctx, "org.view");
  const engagement =
    typeof engagementOrId === "string" ? await getEngagement(ctx, engagementOrId) : engagementOrId;
  const engagementId = engagement.id;
  const outline = descriptionOutline(engagement.family, engagement.type);
  const rows = await getDb().descriptionSection.findMany({
    where: {
      organizationId: ctx.orgId,
      scopeKey: { in: [SHARED_SCOPE, engagementId] },
      key: { in: outline.map((section) => section.key) },
    },
    select: { key: true, scopeKey: true, state: true, body: true },
  });
  const sections = outline.map((item) => {
    const row =
      rows.find((r) => r.key === item.key && r.scopeKey === engagementId) ??
      rows.find((r) => r.key === item.key);
    return {
      state: row && isSectionState(row.state) ? row.state : ("draft" as const),
      body: row?.body ?? "",
    };
  });
  const completeness = descriptionCompleteness(sections);
  return { completeness, text: completenessText(completeness) };
}

/** The description for the exports, with the section versions they hold (for "changed since"). */
export async function loadDescriptionExport(
  ctx: OrgContext,
  engagementId: string,
): Promise<{ description: ExportDescription; versions: Record<string, number> }> {
  const view = await loadDescription(ctx, engagementId);
  const versions: Record<string, number> = {};
  for (const section of view.sections)
    if (section.id) versions[section.id] = section.currentVersion;
  return {
    versions,
    description: {
      completeness: {
        approved: view.completeness.approved,
        total: view.completeness.total,
        text: view.completenessText,
      },
      sections: view.sections.map((section) => ({
        id: section.id,
        key: section.key,
        title: section.title,
        state: section.state,
        owner: section.owner?.name ?? null,
        approvedBy: section.state === "approved" ? section.stateChangedBy : null,
        approvedAt:
          section.state === "approved" ? (section.stateChangedAt?.toISOString() ?? null) : null,
        version: section.currentVersion,
        shared: section.scope === "shared",
        body: section.body,
        evidence: section.evidence.map((item) => item.title),
        unknownRefs: unknownRefs(section.body, view.controlRefs),
      })),
    },
  };
}
