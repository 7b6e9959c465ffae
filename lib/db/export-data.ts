import "server-only";
import { isTscCategory } from "@/lib/domain/catalog";
import type { ControlNature, ControlStatus } from "@/lib/domain/controls";
import {
  EVIDENCE_KINDS,
  type ExceptionSeverity,
  type ExceptionStatus,
} from "@/lib/domain/evidence";
import type {
  ExportControl,
  ExportEngagement,
  ExportEvidence,
  ExportSummary,
  EvidencePages,
} from "@/lib/domain/export/types";
import {
  evidenceWindow,
  type ControlReadiness,
  type ReadinessEngagement,
} from "@/lib/domain/readiness/engine";
import { todayIn } from "@/lib/domain/time-zone";
import type { ExportRequestList } from "@/lib/domain/request-list";
import { readActivityHead } from "./checkpoints";
import { getDb } from "./client";
import { loadDescriptionExport } from "./description";
import type { OrgContext } from "./context";
import type { EngagementDetail } from "./engagements";
import { engagementReadiness } from "./readiness";
import { loadRequestListExport } from "./request-list-export";
import { organizationTimeZone } from "./time-zone";
import {
  AREA_LABELS,
  CATEGORY_LABELS,
  FAMILY_LABELS,
  FREQUENCY_LABELS,
  NATURE_LABELS,
  TYPE_LABELS,
} from "@/lib/domain/labels";

/** Evidence records read per query when streaming the evidence list. */
const EVIDENCE_PAGE_SIZE = 500;

export type EngagementExportData = {
  summary: ExportSummary;
  evidencePages: EvidencePages;
  /** The auditor's imported request list, answered (the pack's requests/), if one was imported. */
  requestList?: ExportRequestList | null;
  /** The description's section versions as exported ({ sectionId: version }). */
  descriptionVersions?: Record<string, number>;
};

/**
 * The data every export is written from: the summary (from engagementReadiness, the dashboard's
 * own computation) and a function streaming the evidence of the engagement's controls in pages.
 */
export async function loadEngagementExport(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
): Promise<EngagementExportData> {
  const today = todayIn(await organizationTimeZone(ctx), now);
  const db = getDb();
  // Read before the rest (the reads are not one snapshot): everything up to this head is in the data.
  const activityHead = await readActivityHead(db, ctx.orgId);
  const view = await engagementReadiness(ctx, engagementId, today);
  const { engagement, readiness } = view;
  const controlIds = new Set(readiness.controls.map((control) => control.controlId));

  const [objectives, controlRows, exceptionRows, eventRows, designCounts] = await Promise.all([
    db.controlObjective.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: [{ sortOrder: "asc" }, { ref: "asc" }],
      select: { id: true, ref: true, title: true, area: true },
    }),
    db.control.findMany({
      where: { organizationId: ctx.orgId },
      select: {
        id: true,
        ref: true,
        title: true,
        description: true,
        status: true,
        nature: true,
        key: true,
        owner: { select: { name: true } },
      },
    }),
    db.controlException.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        controlId: true,
        date: true,
        severity: true,
        description: true,
        status: true,
        remediationNote: true,
        remediatedAt: true,
      },
    }),
    db.populationEvent.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: [{ date: "asc" }, { reference: "asc" }],
      select: {
        id: true,
        controlId: true,
        date: true,
        reference: true,
        description: true,
        _count: { select: { evidence: true } },
      },
    }),
    db.evidenceControl.groupBy({
      by: ["controlId"],
      where: { organizationId: ctx.orgId, evidence: { purpose: "design" } },
      _count: { _all: true },
    }),
  ]);
  const designCountOf = new Map(designCounts.map((row) => [row.controlId, row._count._all]));

  const detailOf = new Map(
    controlRows.filter((row) => controlIds.has(row.id)).map((row) => [row.id, row]),
  );
  const refOf = new Map([...detailOf.values()].map((row) => [row.id, row.ref]));
  const requirementCodesOf = new Map<string, string[]>();
  for (const requirement of view.requirements) {
    for (const control of requirement.controls) {
      const codes = requirementCodesOf.get(control.id) ?? [];
      codes.push(requirement.code);
      requirementCodesOf.set(control.id, codes);
    }
  }

  const controls: ExportControl[] = readiness.controls
    .map((control) =>
      exportControl(
        control,
        detailOf.get(control.controlId),
        requirementCodesOf.get(control.controlId) ?? [],
        designCountOf.get(control.controlId) ?? 0,
      ),
    )
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));

  const description = await loadDescriptionExport(ctx, engagementId);
  const summary: ExportSummary = {
    organization: { name: ctx.orgName, slug: ctx.orgSlug },
    generatedAt: now.toISOString(),
    activityHead: { ...activityHead, checkpoint: null },
    today,
    engagement: exportEngagement(engagement, objectives),
    figures: {
      counts: readiness.counts,
      controls: readiness.controlCounts,
      designDate: readiness.designDate,
      asOf: readiness.asOf,
    },
    requirements: view.requirements.map((requirement) => ({
      id: requirement.id,
      code: requirement.code,
      title: requirement.title,
      group: requirement.group,
      status: requirement.status,
      justification: requirement.justification,
      controlRefs: requirement.controls
        .filter((control) => controlIds.has(control.id))
        .map((control) => control.ref),
      reasons: requirement.reasons,
    })),
    controls,
    exceptions: exceptionRows
      .filter((row) => controlIds.has(row.controlId))
      .map((row) => ({
        id: row.id,
        controlRef: refOf.get(row.controlId) ?? "",
        date: row.date,
        severity: row.severity as ExceptionSeverity,
        description: row.description,
        status: row.status as ExceptionStatus,
        remediationNote: row.remediationNote,
        remediatedAt: row.remediatedAt?.toISOString() ?? null,
      })),
    events: eventRows
      .filter((row) => controlIds.has(row.controlId))
      .map((row) => ({
        id: row.id,
        controlRef: refOf.get(row.controlId) ?? "",
        date: row.date,
        reference: row.reference,
        description: row.description,
        evidenceCount: row._count.evidence,
      })),
    description: description.description,
  };

  const windowEngagement: ReadinessEngagement = {
    type: engagement.type,
    asOfDate: engagement.asOfDate,
    periodStart: engagement.periodStart,
    periodEnd: engagement.periodEnd,
  };
  const freshnessDays = view.freshnessDays;
  const evidencePages: EvidencePages = () =>
    evidenceOfControls(ctx, refOf, requirementCodesOf, (item) =>
      evidenceWindow(item, windowEngagement, freshnessDays),
    );
  return {
    summary,
    evidencePages,
    requestList: await loadRequestListExport(ctx, engagementId),
    descriptionVersions: description.versions,
  };
}

type ControlDetailRow = {
  ref: string;
  title: string;
  description: string;
  status: string;
  nature: string;
  key: boolean;
  owner: { name: string } | null;
};

function exportControl(
  control: ControlReadiness,
  detail: ControlDetailRow | undefined,
  requirementCodes: string[],
  designEvidenceCount: number,
): ExportControl {
  const nature = (detail?.nature ?? "manual") as ControlNature;
  return {
    id: control.controlId,
    ref: control.ref,
    title: detail?.title ?? "",
    description: detail?.description ?? "",
    owner: detail?.owner?.name ?? null,
    status: (detail?.status ?? "draft") as ControlStatus,
    frequency: control.frequency,
    frequencyLabel: FREQUENCY_LABELS[control.frequency],
    nature,
    natureLabel: NATURE_LABELS[nature] ?? nature,
    key: detail?.key ?? false,
    inScope: control.inScope,
    ready: control.ready,
    reasons: control.reasons.map((reason) => reason.text),
    warnings: control.warnings.map((warning) => warning.text),
    requirementCodes,
    design: {
      ready: control.design.ready,
      latestEvidence: control.design.latestEvidence,
      evidenceCount: designEvidenceCount,
    },
    operating: control.operating
      ? {
          due: control.operating.due,
          covered: control.operating.covered,
          coverage: control.operating.coverage,
          missing: control.operating.slots
            .filter((slot) => slot.state === "missing")
            .map((slot) => slot.label),
          slots: control.operating.slots.map((slot) => ({
            label: slot.label,
            start: slot.start,
            end: slot.end,
            state: slot.state,
          })),
        }
      : null,
    sampling: control.sampling
      ? {
          text: control.sampling.text,
          min: control.sampling.min,
          max: control.sampling.max,
          population: control.sampling.population,
        }
      : null,
  };
}

function exportEngagement(
  engagement: EngagementDetail,
  objectives: readonly { id: string; ref: string; title: string; area: string }[],
): ExportEngagement {
  const chosen = new Set(engagement.objectiveIds);
  return {
    id: engagement.id,
    name: engagement.name,
    family: engagement.family,
    familyLabel: FAMILY_LABELS[engagement.family],
    type: engagement.type,
    typeLabel: TYPE_LABELS[engagement.type],
    asOfDate: engagement.asOfDate,
    periodStart: engagement.periodStart,
    periodEnd: engagement.periodEnd,
    categories: engagement.categories
      .filter(isTscCategory)
      .map((category) => CATEGORY_LABELS[category]),
    objectives: objectives
      .filter((objective) => chosen.has(objective.id))
      .map((objective) => ({
        ref: objective.ref,
        title: objective.title,
        area:
          objective.area === "itgc" || objective.area === "business"
            ? AREA_LABELS[objective.area]
            : objective.area,
      })),
    subservices: engagement.subservices.map((subservice) => ({
      name: subservice.name,
      services: subservice.services,
      method: subservice.method,
      csocs: subservice.csocs,
    })),
    cuecs: engagement.cuecs,
    userResponsibilities: engagement.userResponsibilities,
    criteriaEdition: engagement.criteriaEdition,
  };
}

/**
 * The organisation's evidence in id order, a page at a time, keeping what is linked to one of
 * the engagement's controls. Paging by id cursor keeps each query small and memory flat.
 */
async function* evidenceOfControls(
  ctx: OrgContext,
  refOf: ReadonlyMap<string, string>,
  requirementCodesOf: ReadonlyMap<string, readonly string[]>,
  windowOf: (item: {
    effectiveDate: string;
    coverageEnd: string | null;
  }) => ExportEvidence["window"],
): AsyncIterable<readonly ExportEvidence[]> {
  const db = getDb();
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.evidence.findMany({
      where: { organizationId: ctx.orgId, ...(cursor === undefined ? {} : { id: { gt: cursor } }) },
      orderBy: { id: "asc" },
      take: EVIDENCE_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        purpose: true,
        title: true,
        note: true,
        url: true,
        fileName: true,
        contentType: true,
        effectiveDate: true,
        coverageEnd: true,
        createdAt: true,
        controls: { select: { controlId: true } },
        file: { select: { sha256: true, size: true, storageKey: true } },
        event: { select: { reference: true } },
        uploadedBy: { select: { name: true } },
      },
    });
    if (rows.length === 0) return;
    cursor = rows[rows.length - 1]?.id;
    const page: ExportEvidence[] = [];
    for (const row of rows) {
      const controlRefs = row.controls.flatMap((link) => refOf.get(link.controlId) ?? []).sort();
      if (controlRefs.length === 0) continue;
      const requirementCodes = [
        ...new Set(row.controls.flatMap((link) => requirementCodesOf.get(link.controlId) ?? [])),
      ].sort();
      page.push({
        id: row.id,
        kind: EVIDENCE_KINDS.find((kind) => kind === row.kind) ?? "note",
        purpose: row.purpose === "design" ? "design" : "operating",
        title: row.title,
        effectiveDate: row.effectiveDate,
        coverageEnd: row.coverageEnd,
        window: windowOf(row),
        controlRefs,
        requirementCodes,
        eventReference: row.event?.reference ?? null,
        uploadedBy: row.uploadedBy.name,
        createdAt: row.createdAt.toISOString(),
        note: row.note,
        url: row.url,
        file: row.file
          ? {
              name: row.fileName ?? "file",
              contentType: row.contentType ?? "application/octet-stream",
              sha256: row.file.sha256,
              size: row.file.size,
              storageKey: row.file.storageKey,
            }
          : null,
      });
    }
    if (page.length > 0) yield page;
    if (rows.length < EVIDENCE_PAGE_SIZE) return;
  }
}
