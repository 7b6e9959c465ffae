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
 * number of queries (scope and mappings, controls, evidence links, evidence, events, open
 * exceptions).
 *
 * The queries read the whole organisation and keep the engagement's controls here: an `in`
 * list of control ids exceeds SQLite's 999 bound parameters from ~1,000 controls (Prisma
 * P2029), and a nested select loads evidence by id in chunks of 999 (SQLite) or 32,766
 * (PostgreSQL) parameters. Flat rows built into plain objects of one shape also keep the
 * engine fast. The cost: evidence of controls outside the engagement is read and dropped.
 */
export async function loadReadinessInput(ctx: OrgContext, engagementId: string, today: string): Promise<LoadedReadiness> {
  const view = await engagementRequirements(ctx, engagementId);
  const db = getDb();
  const organizationId = ctx.orgId;
  const inScope = new Set(view.requirements.flatMap((requirement) => requirement.controls.map((control) => control.id)));
  const [organization, controls, links, evidence, events, exceptions] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { freshnessDays: true } }),
    db.control.findMany({ where: { organizationId }, select: { id: true, ref: true, status: true, ownerId: true, description: true, frequency: true } }),
    db.evidenceControl.findMany({ where: { organizationId }, select: { evidenceId: true, controlId: true } }),
    db.evidence.findMany({ where: { organizationId }, select: { id: true, purpose: true, effectiveDate: true, coverageEnd: true, eventId: true } }),
    db.populationEvent.findMany({ where: { organizationId }, select: { id: true, controlId: true, date: true, reference: true } }),
    db.controlException.findMany({ where: { organizationId, status: "open" }, select: { controlId: true } }),
  ]);

  const controlIdsOf = new Map<string, string[]>();
  for (const link of links) {
    if (!inScope.has(link.controlId)) continue;
    const list = controlIdsOf.get(link.evidenceId);
    if (list) list.push(link.controlId);
    else controlIdsOf.set(link.evidenceId, [link.controlId]);
  }
  const readinessEvidence: ReadinessEvidence[] = [];
  for (const item of evidence) {
    const controlIds = controlIdsOf.get(item.id);
    if (!controlIds) continue;
    const purpose = item.purpose === "design" ? "design" : "operating";
    readinessEvidence.push({ id: item.id, purpose, effectiveDate: item.effectiveDate, coverageEnd: item.coverageEnd, eventId: item.eventId, controlIds });
  }

  const input: ReadinessInput = {
    engagement: view.engagement,
    today,
    freshnessDays: organization.freshnessDays,
    requirements: view.requirements.map((requirement) => ({ id: requirement.id, notApplicable: requirement.justification !== null })),
    controls: controls
      .filter((control) => inScope.has(control.id))
      .map((control) => ({ id: control.id, ref: control.ref, status: control.status as ControlStatus, ownerId: control.ownerId, description: control.description, frequency: control.frequency as ControlFrequency })),
    mappings: view.requirements.flatMap((requirement) => requirement.controls.map((control) => ({ controlId: control.id, requirementId: requirement.id }))),
    evidence: readinessEvidence,
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
