import "server-only";
import { computeReadiness, type EngagementReadiness, type ReadinessEvidence, type ReadinessInput } from "@/lib/domain/readiness/engine";
import type { ControlFrequency, ControlStatus } from "@/lib/domain/controls";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements, type EngagementRequirements, type RequirementView } from "./engagement-requirements";

export type ReadinessRequirementView = RequirementView & { reasons: string[] };

export type EngagementReadinessView = Omit<EngagementRequirements, "requirements"> & {
  requirements: ReadinessRequirementView[];
  readiness: EngagementReadiness;
  freshnessDays: number;
};

export type LoadedReadiness = { view: EngagementRequirements; input: ReadinessInput; freshnessDays: number };

/**
 * Everything an engagement's readiness needs, as the pure engine's input, loaded in a fixed
 * number of queries (scope and mappings, controls, evidence, events, open exceptions).
 */
export async function loadReadinessInput(ctx: OrgContext, engagementId: string, today: string): Promise<LoadedReadiness> {
  const view = await engagementRequirements(ctx, engagementId);
  const db = getDb();
  const controlIds = [...new Set(view.requirements.flatMap((requirement) => requirement.controls.map((control) => control.id)))];
  const [organization, controls, evidence, events, exceptions] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { freshnessDays: true } }),
    db.control.findMany({ where: { organizationId: ctx.orgId, id: { in: controlIds } }, select: { id: true, ref: true, status: true, ownerId: true, description: true, frequency: true } }),
    db.evidenceControl.findMany({
      where: { organizationId: ctx.orgId, controlId: { in: controlIds } },
      select: { controlId: true, evidence: { select: { id: true, purpose: true, effectiveDate: true, coverageEnd: true, eventId: true } } },
    }),
    db.populationEvent.findMany({ where: { organizationId: ctx.orgId, controlId: { in: controlIds } }, select: { id: true, controlId: true, date: true, reference: true } }),
    db.controlException.findMany({ where: { organizationId: ctx.orgId, controlId: { in: controlIds }, status: "open" }, select: { controlId: true, status: true } }),
  ]);

  const evidenceById = new Map<string, ReadinessEvidence & { controlIds: string[] }>();
  for (const link of evidence) {
    const item = evidenceById.get(link.evidence.id);
    if (item) item.controlIds.push(link.controlId);
    else {
      const { purpose, ...rest } = link.evidence;
      evidenceById.set(link.evidence.id, { ...rest, purpose: purpose === "design" ? "design" : "operating", controlIds: [link.controlId] });
    }
  }

  const input: ReadinessInput = {
    engagement: view.engagement,
    today,
    freshnessDays: organization.freshnessDays,
    requirements: view.requirements.map((requirement) => ({ id: requirement.id, notApplicable: requirement.justification !== null })),
    controls: controls.map((control) => ({ ...control, status: control.status as ControlStatus, frequency: control.frequency as ControlFrequency })),
    mappings: view.requirements.flatMap((requirement) => requirement.controls.map((control) => ({ controlId: control.id, requirementId: requirement.id }))),
    evidence: [...evidenceById.values()],
    events: events.map((event) => ({ id: event.id, controlId: event.controlId, date: event.date, label: event.reference })),
    exceptions: exceptions.map((exception) => ({ controlId: exception.controlId, status: "open" as const })),
  };
  return { view, input, freshnessDays: organization.freshnessDays };
}

/**
 * An engagement's readiness, loaded by loadReadinessInput and computed in memory by the pure
 * engine. The one source of truth for the dashboard, the gap view and the exports.
 */
export async function engagementReadiness(ctx: OrgContext, engagementId: string, today: string): Promise<EngagementReadinessView> {
  const { view, input, freshnessDays } = await loadReadinessInput(ctx, engagementId, today);
  const readiness = computeReadiness(input);
  const byRequirement = new Map(readiness.requirements.map((requirement) => [requirement.requirementId, requirement]));
  const requirements = view.requirements.map((requirement) => {
    const computed = byRequirement.get(requirement.id);
    return { ...requirement, status: computed?.status ?? requirement.status, reasons: computed?.reasons ?? [] };
  });
  return { ...view, requirements, counts: readiness.counts, readiness, freshnessDays };
}
