import "server-only";
import {
  computeReadiness,
  type EngagementReadiness,
  type ReadinessEvidence,
  type ReadinessInput,
  type RequirementReadiness,
} from "@/lib/domain/readiness/engine";
import type { ControlFrequency, ControlStatus } from "@/lib/domain/controls";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import {
  requirementsWithControls,
  type EngagementRequirements,
  type RequirementView,
  type ScopedControl,
} from "./engagement-requirements";
import { getEngagement, type EngagementDetail } from "./engagements";
import { eventsAndOpenExceptions } from "./maintained-readiness";
import { engagementEvidence } from "./readiness-evidence";

export type ReadinessRequirementView = RequirementView & { reasons: string[] };

export type EngagementReadinessView = Omit<EngagementRequirements, "requirements"> & {
  requirements: ReadinessRequirementView[];
  readiness: EngagementReadiness;
  freshnessDays: number;
};

export type LoadedReadiness = {
  view: EngagementRequirements;
  input: ReadinessInput;
  freshnessDays: number;
};

/**
 * Everything an engagement's readiness needs, as the pure engine's input, in a fixed number of
 * queries. The engagement is read first; then, at once: its requirements, mappings and controls
 * (requirementsWithControls), the evidence of its controls (one aggregate query restricted in
 * SQL to those controls, see readiness-evidence.ts), and the organisation's population events
 * and open exceptions, few enough to read whole and filter here.
 */
export async function loadReadinessInput(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<LoadedReadiness> {
  const engagement = await getEngagement(ctx, engagementId);
  const [{ view, controls }, freshnessDays, rest] = await Promise.all([
    requirementsWithControls(ctx, engagement),
    organizationFreshness(ctx),
    loadRest(ctx, engagement),
  ]);
  return {
    view,
    input: readinessInput(engagement, view, controls, rest, freshnessDays, today),
    freshnessDays,
  };
}

/** The organisation's freshness setting (readiness-rules.md, section 4). */
export async function organizationFreshness(ctx: OrgContext): Promise<number> {
  const organization = await getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { freshnessDays: true },
  });
  return organization.freshnessDays;
}

type Rest = {
  evidence: ReadinessEvidence[];
  events: { id: string; controlId: string; date: string; reference: string }[];
  exceptions: { controlId: string }[];
};

/** What the engine needs besides the engagement's requirements and controls. */
export async function loadRest(ctx: OrgContext, engagement: EngagementDetail): Promise<Rest> {
  const db = getDb();
  const organizationId = ctx.orgId;
  const [evidence, events, exceptions] = await Promise.all([
    engagementEvidence(ctx, engagement),
    db.populationEvent.findMany({
      where: { organizationId },
      select: { id: true, controlId: true, date: true, reference: true },
    }),
    db.controlException.findMany({
      where: { organizationId, status: "open" },
      select: { controlId: true },
    }),
  ]);
  return { evidence, events, exceptions };
}

/** The pure engine's input from what the loaders read. */
export function readinessInput(
  engagement: EngagementDetail,
  view: EngagementRequirements,
  controls: readonly ScopedControl[],
  { evidence, events, exceptions }: Rest,
  freshnessDays: number,
  today: string,
): ReadinessInput {
  const inScope = new Set(controls.map((control) => control.id));
  return {
    engagement,
    today,
    freshnessDays,
    requirements: view.requirements.map((requirement) => ({
      id: requirement.id,
      notApplicable: requirement.justification !== null,
    })),
    controls: controls.map((control) => ({
      id: control.id,
      ref: control.ref,
      status: control.status as ControlStatus,
      ownerId: control.ownerId,
      description: control.description,
      frequency: control.frequency as ControlFrequency,
      graceDays: control.graceDays,
    })),
    mappings: view.requirements.flatMap((requirement) =>
      requirement.controls.map((control) => ({
        controlId: control.id,
        requirementId: requirement.id,
      })),
    ),
    evidence,
    ...eventsAndOpenExceptions(events, exceptions, inScope),
  };
}

/**
 * An engagement's readiness, loaded by loadReadinessInput and computed in memory by the pure
 * engine. The one source of truth for the dashboard, the gap view and the exports.
 */
export async function engagementReadiness(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<EngagementReadinessView> {
  const { view, input, freshnessDays } = await loadReadinessInput(ctx, engagementId, today);
  const readiness = computeReadiness(input);
  const requirements = withReadiness(view.requirements, readiness.requirements);
  return { ...view, requirements, counts: readiness.counts, readiness, freshnessDays };
}

/** Each requirement with the status and reasons computed for it (live or maintained). */
export function withReadiness(
  requirements: readonly RequirementView[],
  computed: readonly RequirementReadiness[],
): ReadinessRequirementView[] {
  const byRequirement = new Map(computed.map((result) => [result.requirementId, result]));
  return requirements.map((requirement) => {
    const result = byRequirement.get(requirement.id);
    return {
      ...requirement,
      status: result?.status ?? requirement.status,
      reasons: result?.reasons ?? [],
    };
  });
}
