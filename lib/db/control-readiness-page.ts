import "server-only";
import { filterControls } from "@/lib/domain/readiness/control-filter";
import type { ControlCounts, ControlReadiness } from "@/lib/domain/readiness/engine";
import { slotCells, type SlotCell } from "@/lib/domain/readiness/rollup";
import type { ControlReadinessQuery } from "@/lib/schemas/control-readiness";
import { recordEngagementView } from "./auditor-access";
import type { OrgContext } from "./context";
import { engagementReadiness } from "./readiness";

// The control readiness page (the occurrence view) in one call: each in-scope control's
// readiness with its title and occurrence strip, the ones the filter keeps. An auditor's visit
// is recorded in the access log.

export type ControlReadinessLine = ControlReadiness & {
  title: string;
  /** Type II: the occurrence strip's cells; empty without operating results. */
  cells: SlotCell[];
};

export type ControlReadinessPage = {
  orgSlug: string;
  engagement: { id: string; name: string };
  typeII: boolean;
  controlCounts: ControlCounts;
  /** How many controls are in scope, whatever the filter. */
  inScope: number;
  /** The in-scope controls the filter keeps, in the engine's order. */
  controls: ControlReadinessLine[];
  filter: ControlReadinessQuery;
  /** Whether the filter asks for anything (a control or a state). */
  filtered: boolean;
};

/** Another organisation's engagement, or one an auditor was not given, is NOT_FOUND. */
export async function loadControlReadinessPage(
  ctx: OrgContext,
  engagementId: string,
  today: string,
  filter: ControlReadinessQuery,
): Promise<ControlReadinessPage> {
  const { engagement, readiness, requirements } = await engagementReadiness(
    ctx,
    engagementId,
    today,
  );
  await recordEngagementView(ctx, engagement, "control readiness");
  const titles = new Map(
    requirements.flatMap((requirement) => requirement.controls).map((c) => [c.id, c.title]),
  );
  const inScope = readiness.controls
    .filter((control) => control.inScope)
    .map((control) => ({ ...control, title: titles.get(control.controlId) ?? "" }));
  return {
    orgSlug: ctx.orgSlug,
    engagement: { id: engagement.id, name: engagement.name },
    typeII: readiness.type === "TYPE_II",
    controlCounts: readiness.controlCounts,
    inScope: inScope.length,
    controls: filterControls(inScope, filter).map((control) => ({
      ...control,
      cells: control.operating ? slotCells(control.operating.slots, control.frequency) : [],
    })),
    filter,
    filtered: Boolean(filter.control || filter.state),
  };
}
