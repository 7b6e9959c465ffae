import "server-only";
import { criteriaInScope, criterionId, isTscCategory } from "@/lib/domain/catalog";
import type { ControlFrequency, ControlStatus } from "@/lib/domain/controls";
import {
  REPORT_FAMILIES,
  REPORT_TYPES,
  usesObjectives,
  type ReportFamily,
  type ReportType,
} from "@/lib/domain/engagements";
import {
  computeReadiness,
  type EngagementReadiness,
  type ReadinessEvidence,
  type ReadinessInput,
} from "@/lib/domain/readiness/engine";
import { workQueue, type QueueReadiness, type WorkItem } from "@/lib/domain/readiness/work-queue";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { eventsAndOpenExceptions } from "./maintained-readiness";
import { engagementScope } from "./scope";

// Readiness of a set of controls in every active engagement the context may see, in one fixed
// set of queries however many engagements and controls there are: the organisation's rows are
// read flat and joined here, then the pure engine runs once per engagement in memory. With a
// selection narrower than "all", requirement figures are partial (other people's controls are
// left out); callers use the per-control results and the work items of those controls only.

export type ControlSelection =
  { kind: "all" } | { kind: "owner"; userId: string } | { kind: "control"; controlId: string };

export type EngagementHeader = {
  id: string;
  name: string;
  family: ReportFamily;
  type: ReportType;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
};

export type EngagementRun = {
  engagement: EngagementHeader;
  readiness: EngagementReadiness;
  /** The engagement's queue (workQueue), for the selected controls. */
  work: WorkItem[];
};

export type SelectedControl = {
  id: string;
  ref: string;
  title: string;
  ownerId: string | null;
  status: string;
};

export type OrgReadiness = {
  runs: EngagementRun[];
  controls: SelectedControl[];
  freshnessDays: number;
};

export function hasDates(
  type: ReportType,
  row: { asOfDate: string | null; periodStart: string | null; periodEnd: string | null },
): boolean {
  if (type === "TYPE_I") return row.asOfDate !== null;
  return row.periodStart !== null && row.periodEnd !== null && row.periodStart <= row.periodEnd;
}

function controlWhere(selection: ControlSelection) {
  switch (selection.kind) {
    case "all":
      return {};
    case "owner":
      return { ownerId: selection.userId };
    case "control":
      return { id: selection.controlId };
  }
}

/** One engagement of the selection, everything but the evidence: the engine's input without it. */
export type PreparedEngagement = {
  header: EngagementHeader;
  /** The organisation day its maintained rows are for (docs/decisions/0043). */
  readinessDay: string | null;
  named: { id: string; code: string; title: string }[];
  input: Omit<ReadinessInput, "evidence" | "events" | "exceptions" | "today">;
  /** The selected controls mapped to a requirement in scope. */
  mapped: Set<string>;
};

export type PreparedOrganization = {
  freshnessDays: number;
  engagements: PreparedEngagement[];
  controls: SelectedControl[];
  owners: Map<string, string | null>;
};

/** The selection's engagements, requirements, mappings and controls, in a fixed set of queries. */
export async function prepareOrganization(
  ctx: OrgContext,
  selection: ControlSelection,
): Promise<PreparedOrganization> {
  assertCan(ctx, "org.view");
  const db = getDb();
  const organizationId = ctx.orgId;
  const scope = engagementScope(ctx);
  const onControls = controlWhere(selection);
  const [organization, engagements, objectives, controls, mappings] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { freshnessDays: true },
    }),
    db.engagement.findMany({
      where: {
        organizationId,
        archivedAt: null,
        ...(scope === null ? {} : { id: { in: [...scope] } }),
      },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        name: true,
        family: true,
        type: true,
        asOfDate: true,
        periodStart: true,
        periodEnd: true,
        categories: true,
        criteriaEdition: true,
        readinessDay: true,
        objectives: { select: { objectiveId: true } },
        exclusions: { select: { requirementId: true } },
      },
    }),
    db.controlObjective.findMany({
      where: { organizationId },
      select: { id: true, ref: true, title: true },
    }),
    db.control.findMany({
      where: { organizationId, ...onControls },
      orderBy: { ref: "asc" },
      select: {
        id: true,
        ref: true,
        title: true,
        status: true,
        ownerId: true,
        description: true,
        frequency: true,
        graceDays: true,
      },
    }),
    db.controlMapping.findMany({
      where: { organizationId, control: onControls },
      select: { controlId: true, criterionId: true, objectiveId: true },
    }),
  ]);

  const objectiveById = new Map(objectives.map((objective) => [objective.id, objective]));
  const prepared: PreparedEngagement[] = [];
  for (const row of engagements) {
    const family = REPORT_FAMILIES.find((value) => value === row.family) ?? "SOC2";
    const type = REPORT_TYPES.find((value) => value === row.type) ?? "TYPE_I";
    // An engagement saved without usable dates cannot be judged; it has nothing to list yet.
    if (!hasDates(type, row)) continue;
    const named = usesObjectives(family)
      ? row.objectives.flatMap(({ objectiveId }) => {
          const objective = objectiveById.get(objectiveId);
          return objective
            ? [{ id: objective.id, code: objective.ref, title: objective.title }]
            : [];
        })
      : criteriaInScope((JSON.parse(row.categories) as string[]).filter(isTscCategory)).map(
          (criterion) => ({
            id: criterionId(row.criteriaEdition, criterion.code),
            code: criterion.code,
            title: criterion.title,
          }),
        );
    const inScope = new Set(named.map((requirement) => requirement.id));
    const excluded = new Set(row.exclusions.map((exclusion) => exclusion.requirementId));
    const engagementMappings = mappings.flatMap((mapping) => {
      const requirementId = mapping.criterionId ?? mapping.objectiveId;
      return requirementId && inScope.has(requirementId)
        ? [{ controlId: mapping.controlId, requirementId }]
        : [];
    });
    const mapped = new Set(engagementMappings.map((mapping) => mapping.controlId));
    prepared.push({
      header: {
        id: row.id,
        name: row.name,
        family,
        type,
        asOfDate: row.asOfDate,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
      },
      readinessDay: row.readinessDay,
      named,
      mapped,
      input: {
        engagement: {
          type,
          asOfDate: row.asOfDate,
          periodStart: row.periodStart,
          periodEnd: row.periodEnd,
        },
        freshnessDays: organization.freshnessDays,
        requirements: named.map((requirement) => ({
          id: requirement.id,
          notApplicable: excluded.has(requirement.id),
        })),
        controls: controls
          .filter((control) => mapped.has(control.id))
          .map((control) => ({
            id: control.id,
            ref: control.ref,
            status: control.status as ControlStatus,
            ownerId: control.ownerId,
            description: control.description,
            frequency: control.frequency as ControlFrequency,
            graceDays: control.graceDays,
          })),
        mappings: engagementMappings,
      },
    });
  }
  return {
    freshnessDays: organization.freshnessDays,
    engagements: prepared,
    controls: controls.map(({ id, ref, title, ownerId, status }) => ({
      id,
      ref,
      title,
      ownerId,
      status,
    })),
    owners: new Map(controls.map((control) => [control.id, control.ownerId])),
  };
}

/** The engagement's work queue for the selected controls, from its readiness (full or summary). */
export function engagementWork(
  engagement: PreparedEngagement,
  readiness: QueueReadiness,
  prepared: PreparedOrganization,
  today: string,
): WorkItem[] {
  return workQueue({
    readiness,
    requirements: engagement.named,
    owners: prepared.owners,
    today,
    freshnessDays: prepared.freshnessDays,
    periodEnd: engagement.header.type === "TYPE_II" ? engagement.header.periodEnd : null,
  });
}

/** Every result computed by the engine from all the selected controls' evidence. */
export async function orgReadiness(
  ctx: OrgContext,
  today: string,
  selection: ControlSelection,
): Promise<OrgReadiness> {
  assertCan(ctx, "org.view");
  const db = getDb();
  const organizationId = ctx.orgId;
  const onControls = controlWhere(selection);
  const [prepared, links, events, exceptions] = await Promise.all([
    prepareOrganization(ctx, selection),
    db.evidenceControl.findMany({
      where: { organizationId, control: onControls },
      select: {
        controlId: true,
        evidence: {
          select: {
            purpose: true,
            effectiveDate: true,
            coverageEnd: true,
            eventId: true,
            slotKey: true,
          },
        },
      },
    }),
    db.populationEvent.findMany({
      where: { organizationId, control: onControls },
      select: { id: true, controlId: true, date: true, reference: true },
    }),
    db.controlException.findMany({
      where: { organizationId, status: "open", control: onControls },
      select: { controlId: true },
    }),
  ]);

  const evidence: ReadinessEvidence[] = links.map((link) => ({
    purpose: link.evidence.purpose === "design" ? "design" : "operating",
    effectiveDate: link.evidence.effectiveDate,
    coverageEnd: link.evidence.coverageEnd,
    eventId: link.evidence.eventId,
    slotKey: link.evidence.slotKey,
    controlIds: [link.controlId],
  }));
  const runs: EngagementRun[] = prepared.engagements.map((engagement) => {
    const readiness = computeReadiness({
      ...engagement.input,
      today,
      evidence,
      ...eventsAndOpenExceptions(events, exceptions, engagement.mapped),
    });
    return {
      engagement: engagement.header,
      readiness,
      work: engagementWork(engagement, readiness, prepared, today),
    };
  });
  return { runs, controls: prepared.controls, freshnessDays: prepared.freshnessDays };
}
