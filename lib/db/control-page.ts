import "server-only";
import { CURRENT_CRITERIA_EDITION } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import { evidenceWindow } from "@/lib/domain/readiness/engine";
import { occurrenceChoices, type OccurrenceChoice } from "@/lib/domain/readiness/occurrences";
import { slotCells, type SlotCell } from "@/lib/domain/readiness/rollup";
import { formatDateTimeIn } from "@/lib/domain/time-zone";
import type { WorkItem } from "@/lib/domain/readiness/work-queue";
import { recordAuditorAccess } from "./auditor-access";
import { engagementsServingControl } from "./auditor-requests";
import { listCriteria } from "./catalog";
import type { OrgContext } from "./context";
import { getControl, listControlOptions, listMemberOptions } from "./controls";
import { getEvidenceWindowContext, listEngagements } from "./engagements";
import { listControlEvidence } from "./evidence";
import { listControlExceptions } from "./exceptions";
import { listObjectives } from "./objectives";
import { orgReadiness, type EngagementHeader } from "./org-readiness";
import { listPopulation } from "./population";
import { organizationTimeZone } from "./time-zone";

// The control page, where people work: everything it shows in one load, the control's standing
// in each engagement that includes it first among them.

/** How this control stands in one engagement. */
export type ControlStanding = {
  engagement: EngagementHeader;
  ready: boolean;
  /** The engine's reasons, in its order ("no design evidence dated …", "2026-Q1 missing"). */
  reasons: string[];
  designReady: boolean;
  /** Type II: due and covered occurrences, coverage (null when nothing is due), missing keys. */
  operating: {
    due: number;
    covered: number;
    coverage: number | null;
    missing: { key: string; label: string }[];
    open: { key: string; label: string; dueFrom: string }[];
  } | null;
  cells: SlotCell[];
  work: WorkItem[];
};

export type ControlPageQuery = {
  engagement?: string;
  slot?: string;
  purpose?: "design" | "operating";
};

export async function loadControlPage(
  ctx: OrgContext,
  controlId: string,
  today: string,
  query: ControlPageQuery,
) {
  const control = await getControl(ctx, controlId);
  const eventDriven = control.frequency === "event_driven";
  const permissions = {
    editControl: can(ctx.role, "control.edit"),
    editEvidence: can(ctx.role, "evidence.edit"),
    library: can(ctx.role, "library.view"),
    request: can(ctx.role, "request.create"),
  };
  const [
    members,
    criteria,
    objectives,
    evidence,
    exceptions,
    population,
    engagements,
    window,
    controlOptions,
    requestEngagements,
    readiness,
    timeZone,
  ] = await Promise.all([
    permissions.library ? listMemberOptions(ctx) : Promise.resolve([]),
    listCriteria(CURRENT_CRITERIA_EDITION),
    listObjectives(ctx),
    listControlEvidence(ctx, control.id),
    listControlExceptions(ctx, control.id),
    eventDriven ? listPopulation(ctx, control.id) : Promise.resolve([]),
    listEngagements(ctx),
    query.engagement ? getEvidenceWindowContext(ctx, query.engagement) : Promise.resolve(null),
    permissions.editEvidence ? listControlOptions(ctx) : Promise.resolve([]),
    permissions.request ? engagementsServingControl(ctx, control.id) : Promise.resolve([]),
    orgReadiness(ctx, today, { kind: "control", controlId: control.id }),
    organizationTimeZone(ctx),
    recordAuditorAccess(ctx, "viewed", {
      entityType: "control",
      entityId: control.id,
      label: `Control ${control.ref} · ${control.title}`,
    }),
  ]);

  const standings: ControlStanding[] = [];
  const slots: OccurrenceChoice[] = [];
  for (const run of readiness.runs) {
    const result = run.readiness.controls.find((c) => c.controlId === control.id);
    if (!result?.inScope) continue;
    const operating = result.operating;
    if (operating) slots.push(...operating.slots);
    standings.push({
      engagement: run.engagement,
      ready: result.ready,
      reasons: result.reasons.map((reason) => reason.text),
      designReady: result.design.ready,
      operating: operating && {
        due: operating.due,
        covered: operating.covered,
        coverage: operating.coverage,
        missing: operating.slots.filter((slot) => slot.state === "missing"),
        open: operating.slots.flatMap((slot) =>
          slot.state === "open" && slot.dueFrom ? [{ ...slot, dueFrom: slot.dueFrom }] : [],
        ),
      },
      cells: operating ? slotCells(operating.slots, result.frequency) : [],
      work: run.work,
    });
  }

  // When each item was recorded, on the organisation's clock; against a chosen engagement,
  // evidence outside its window is labelled, never hidden.
  const evidenceItems = evidence.map((item) => ({
    ...item,
    recordedAt: `${formatDateTimeIn(item.createdAt, timeZone)} (${timeZone})`,
    ...(window ? { window: evidenceWindow(item, window, window.freshnessDays) } : {}),
  }));
  return {
    control,
    permissions,
    members,
    criteria,
    objectives,
    evidence: evidenceItems,
    exceptions,
    population,
    engagements,
    window,
    controlOptions,
    requestEngagements,
    standings,
    occurrences: occurrenceChoices(slots),
    preselect: { slot: query.slot, purpose: query.purpose },
  };
}
