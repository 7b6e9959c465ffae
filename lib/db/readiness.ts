import "server-only";
import { computeReadiness, type EngagementReadiness, type ReadinessInput } from "@/lib/domain/readiness/engine";
import type { ControlFrequency, ControlStatus } from "@/lib/domain/controls";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements, type EngagementRequirements, type RequirementView } from "./engagement-requirements";
import { scopedEvidence } from "./readiness-evidence";

export type ReadinessRequirementView = RequirementView & { reasons: string[] };

export type EngagementReadinessView = Omit<EngagementRequirements, "requirements"> & {
  requirements: ReadinessRequirementView[];
  readiness: EngagementReadiness;
  freshnessDays: number;
};

export type LoadedReadiness = { view: EngagementRequirements; input: ReadinessInput; freshnessDays: number };

/**
 * Everything an engagement's readiness needs, as the pure engine's input, in a fixed number of
 * queries: scope, mappings and controls (engagementRequirements), then the evidence of the
 * engagement's controls (one aggregate query, see readiness-evidence.ts), events and open
 * exceptions. Evidence is restricted in SQL to the engagement's controls; the small tables are
 * read for the organisation and filtered here.
 */
export async function loadReadinessInput(ctx: OrgContext, engagementId: string, today: string): Promise<LoadedReadiness> {
  const view = await engagementRequirements(ctx, engagementId);
  const db = getDb();
  const organizationId = ctx.orgId;
  const inScope = new Set(view.requirements.flatMap((requirement) => requirement.controls.map((control) => control.id)));
  const scope = { organizationId, engagementId: view.engagement.id, family: view.engagement.family, requirementIds: view.requirements.map((requirement) => requirement.id) };
  const [organization, controls, evidence, events, exceptions] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { freshnessDays: true } }),
    db.control.findMany({ where: { organizationId }, select: { id: true, ref: true, status: true, ownerId: true, description: true, frequency: true } }),
    scopedEvidence(scope),
    db.populationEvent.findMany({ where: { organizationId }, select: { id: true, controlId: true, date: true, reference: true } }),
    db.controlException.findMany({ where: { organizationId, status: "open" }, select: { controlId: true } }),
  ]);

  const input: ReadinessInput = {
    engagement: view.engagement,
    today,
    freshnessDays: organization.freshnessDays,
    requirements: view.requirements.map((requirement) => ({ id: requirement.id, notApplicable: requirement.justification !== null })),
    controls: controls
      .filter((control) => inScope.has(control.id))
      .map((control) => ({ id: control.id, ref: control.ref, status: control.status as ControlStatus, ownerId: control.ownerId, description: control.description, frequency: control.frequency as ControlFrequency })),
    mappings: view.requirements.flatMap((requirement) => requirement.controls.map((control) => ({ controlId: control.id, requirementId: requirement.id }))),
    evidence,
    events: events.filter((event) => inScope.has(event.controlId)).map((event) => ({ id: event.id, controlId: event.controlId, date: event.date, label: event.reference })),
    exceptions: exceptions.filter((exception) => inScope.has(exception.controlId)).map((exception) => ({ controlId: exception.controlId, status: "open" as const })),
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
