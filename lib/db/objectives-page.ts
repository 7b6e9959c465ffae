import "server-only";
import { SOC1_STARTER_OBJECTIVES, type ObjectiveArea } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { listObjectives, type ObjectiveRow } from "./objectives";
import { AREA_LABELS } from "@/lib/domain/labels";

// The objectives pages in one call each: the list (retired ones included, with their area's
// label and the starter objectives not adopted yet) and one objective to edit or read.

type ObjectiveLine = ObjectiveRow & { areaLabel: string };

export type ObjectivesPage = {
  orgSlug: string;
  objectives: ObjectiveLine[];
  /** Starter objectives whose ref the organisation does not use yet (empty for readers). */
  missingStarter: { ref: string; title: string }[];
  permissions: { manage: boolean };
};

export type ObjectivePage = {
  orgSlug: string;
  objective: ObjectiveRow;
  permissions: { manage: boolean };
};

/** Someone without library.view (an auditor) gets NOT_FOUND, as for the rest of the library. */
export async function loadObjectivesPage(ctx: OrgContext): Promise<ObjectivesPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const objectives = await listObjectives(ctx, { includeRetired: true });
  const manage = can(ctx.role, "objective.manage");
  const refs = new Set(objectives.map((objective) => objective.ref));
  return {
    orgSlug: ctx.orgSlug,
    objectives: objectives.map((objective) => ({
      ...objective,
      areaLabel: AREA_LABELS[objective.area as ObjectiveArea] ?? objective.area,
    })),
    missingStarter: manage
      ? SOC1_STARTER_OBJECTIVES.filter(({ ref }) => !refs.has(ref)).map(({ ref, title }) => ({
          ref,
          title,
        }))
      : [],
    permissions: { manage },
  };
}

/** One objective of the organisation (retired or not); another organisation's id is NOT_FOUND. */
export async function loadObjectivePage(
  ctx: OrgContext,
  objectiveId: string,
): Promise<ObjectivePage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const objectives = await listObjectives(ctx, { includeRetired: true });
  const objective = objectives.find((row) => row.id === objectiveId);
  if (!objective) throw notFound();
  return {
    orgSlug: ctx.orgSlug,
    objective,
    permissions: { manage: can(ctx.role, "objective.manage") },
  };
}
