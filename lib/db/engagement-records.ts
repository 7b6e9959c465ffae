import "server-only";
import type { EvidenceKind, EvidencePurpose, ExceptionStatus } from "@/lib/domain/evidence";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { requirementsWithControls } from "./engagement-requirements";
import { getEngagement } from "./engagements";
import { evidenceMetadataSelect } from "./evidence";
import { exceptionRowSelect } from "./exceptions";
import { visibleControlIds } from "./scope";

// The records of an engagement's controls (the controls mapped to its requirements), a page at a
// time, for the API's engagement reads: evidence metadata, population events and exceptions.
// Each reads the engagement with getEngagement (another organisation's, or one outside the
// context's engagements, is not found) and its controls with requirementsWithControls, as the
// engagement's pages do; a page is a keyset read (`after` the previous page's last row).

/** The keyset position after which a page starts: the sort date and the id of the last row. */
export type After = { date: string; id: string };

type PageRequest = { limit: number; after?: After; controlId?: string };

async function engagementControlIds(
  ctx: OrgContext,
  engagementId: string,
  controlId: string | undefined,
): Promise<string[]> {
  assertCan(ctx, "org.view");
  const engagement = await getEngagement(ctx, engagementId);
  const { controls } = await requirementsWithControls(ctx, engagement);
  const ids = controls.map((control) => control.id);
  return controlId === undefined ? ids : ids.filter((id) => id === controlId);
}

/** The where clause of a keyset page on (sort date, id): rows after `after` in the order. */
function keyset(after: After | undefined, order: "asc" | "desc") {
  if (!after) return null;
  const beyond = order === "asc" ? { gt: after.date } : { lt: after.date };
  const tie = order === "asc" ? { gt: after.id } : { lt: after.id };
  return { beyond, tie, date: after.date };
}

export type EvidenceMetadata = {
  id: string;
  kind: string;
  purpose: string;
  title: string;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
  slotKey: string | null;
  uploadedBy: string;
  createdAt: Date;
  version: number;
  controls: { id: string; ref: string }[];
};

/**
 * The evidence of the engagement's controls, newest effective date first, without its content
 * (a note's text, a file's bytes). Up to `limit + 1` rows: the extra one says there is more.
 */
export async function listEngagementEvidence(
  ctx: OrgContext,
  engagementId: string,
  filter: PageRequest & {
    kind?: EvidenceKind;
    purpose?: EvidencePurpose;
    effectiveFrom?: string;
    effectiveTo?: string;
  },
): Promise<EvidenceMetadata[]> {
  const controlIds = await engagementControlIds(ctx, engagementId, filter.controlId);
  if (controlIds.length === 0) return [];
  const effective = {
    ...(filter.effectiveFrom === undefined ? {} : { gte: filter.effectiveFrom }),
    ...(filter.effectiveTo === undefined ? {} : { lte: filter.effectiveTo }),
  };
  const page = keyset(filter.after, "desc");
  const rows = await getDb().evidence.findMany({
    where: {
      organizationId: ctx.orgId,
      controls: { some: { controlId: { in: controlIds } } },
      ...(filter.kind === undefined ? {} : { kind: filter.kind }),
      ...(filter.purpose === undefined ? {} : { purpose: filter.purpose }),
      ...(Object.keys(effective).length === 0 ? {} : { effectiveDate: effective }),
      ...(page
        ? { OR: [{ effectiveDate: page.beyond }, { effectiveDate: page.date, id: page.tie }] }
        : {}),
    },
    orderBy: [{ effectiveDate: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    select: evidenceMetadataSelect,
  });
  // A context limited to engagements is not told which controls outside them an item supports.
  const visible = await visibleControlIds(ctx);
  return rows.map(({ file, uploadedBy, controls, ...row }) => ({
    ...row,
    size: file?.size ?? null,
    sha256: file?.sha256 ?? null,
    uploadedBy: uploadedBy.name,
    controls: controls
      .map((link) => link.control)
      .filter((control) => visible === null || visible.has(control.id)),
  }));
}

export type PopulationEventRecord = {
  id: string;
  controlId: string;
  date: string;
  reference: string;
  description: string;
  evidenceCount: number;
};

/** The population events of the engagement's controls, oldest first; up to `limit + 1`. */
export async function listEngagementPopulation(
  ctx: OrgContext,
  engagementId: string,
  filter: PageRequest & { from?: string; to?: string },
): Promise<PopulationEventRecord[]> {
  const controlIds = await engagementControlIds(ctx, engagementId, filter.controlId);
  if (controlIds.length === 0) return [];
  const date = {
    ...(filter.from === undefined ? {} : { gte: filter.from }),
    ...(filter.to === undefined ? {} : { lte: filter.to }),
  };
  const page = keyset(filter.after, "asc");
  const rows = await getDb().populationEvent.findMany({
    where: {
      organizationId: ctx.orgId,
      controlId: { in: controlIds },
      ...(Object.keys(date).length === 0 ? {} : { date }),
      ...(page ? { OR: [{ date: page.beyond }, { date: page.date, id: page.tie }] } : {}),
    },
    orderBy: [{ date: "asc" }, { id: "asc" }],
    take: filter.limit + 1,
    select: {
      id: true,
      controlId: true,
      date: true,
      reference: true,
      description: true,
      _count: { select: { evidence: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, evidenceCount: _count.evidence }));
}

export type ExceptionRecord = {
  id: string;
  controlId: string;
  date: string;
  description: string;
  severity: string;
  status: string;
  remediationNote: string | null;
  remediatedAt: Date | null;
  version: number;
};

/** The exceptions of the engagement's controls, newest first; up to `limit + 1`. */
export async function listEngagementExceptions(
  ctx: OrgContext,
  engagementId: string,
  filter: PageRequest & { status?: ExceptionStatus },
): Promise<ExceptionRecord[]> {
  const controlIds = await engagementControlIds(ctx, engagementId, filter.controlId);
  if (controlIds.length === 0) return [];
  const page = keyset(filter.after, "desc");
  return getDb().controlException.findMany({
    where: {
      organizationId: ctx.orgId,
      controlId: { in: controlIds },
      ...(filter.status === undefined ? {} : { status: filter.status }),
      ...(page ? { OR: [{ date: page.beyond }, { date: page.date, id: page.tie }] } : {}),
    },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    select: { ...exceptionRowSelect, controlId: true },
  });
}
