import "server-only";
import type { ControlFrequency } from "@/lib/domain/controls";
import { operatingReadiness, type SlotState } from "@/lib/domain/readiness/operating";
import { notFound } from "@/lib/errors";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { assertControlVisible, engagementScope } from "./scope";

export type EngagementOccurrences = {
  engagementId: string;
  name: string;
  period: { start: string; end: string };
  slots: SlotState[];
};

/**
 * A control's occurrences in each live Type II engagement that includes it, with each slot's
 * state at `today` (readiness-rules.md section 5): what the occurrence picker offers and the
 * control page's strip shows. Only this control's operating evidence and events are read.
 */
export async function controlOccurrences(
  ctx: OrgContext,
  controlId: string,
  today: string,
): Promise<EngagementOccurrences[]> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const db = getDb();
  const scope = engagementScope(ctx);
  const [control, engagements, evidence, events] = await Promise.all([
    db.control.findFirst({
      where: { id: controlId, organizationId: ctx.orgId },
      select: { frequency: true, graceDays: true },
    }),
    db.engagement.findMany({
      where: {
        organizationId: ctx.orgId,
        type: "TYPE_II",
        archivedAt: null,
        ...(scope === null ? {} : { id: { in: [...scope] } }),
      },
      orderBy: [{ periodEnd: "desc" }, { name: "asc" }],
      select: { id: true, name: true, periodStart: true, periodEnd: true },
    }),
    db.evidence.findMany({
      where: {
        organizationId: ctx.orgId,
        purpose: "operating",
        controls: { some: { controlId } },
      },
      select: { id: true, effectiveDate: true, coverageEnd: true, eventId: true, slotKey: true },
    }),
    db.populationEvent.findMany({
      where: { organizationId: ctx.orgId, controlId },
      select: { id: true, date: true, reference: true },
    }),
  ]);
  if (!control) throw notFound();
  const result: EngagementOccurrences[] = [];
  for (const engagement of engagements) {
    if (!engagement.periodStart || !engagement.periodEnd) continue;
    const { requirements } = await engagementRequirements(ctx, engagement.id);
    if (!requirements.some((requirement) => requirement.controls.some((c) => c.id === controlId)))
      continue;
    const period = { start: engagement.periodStart, end: engagement.periodEnd };
    const { slots } = operatingReadiness(
      { frequency: control.frequency as ControlFrequency },
      {
        period,
        today,
        graceDays: control.graceDays,
        evidence,
        events: events.map((event) => ({ id: event.id, date: event.date, label: event.reference })),
        exceptions: [],
        designResult: { ready: true, reasons: [] },
      },
    );
    result.push({ engagementId: engagement.id, name: engagement.name, period, slots });
  }
  return result;
}
