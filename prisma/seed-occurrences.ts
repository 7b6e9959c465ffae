import type { OrgContext } from "../lib/db/context";
import { getDb } from "../lib/db/client";
import { bulkUpdateControls } from "../lib/db/controls";
import { addNoteEvidence } from "../lib/db/evidence";
import { addDays, minDate } from "../lib/domain/readiness/calendar";
import { expectedSlots, type Period } from "../lib/domain/readiness/slots";

// Readiness v2 in the demo: evidence recorded for the occurrence it belongs to (slotKey), and a
// control whose occurrences may be evidenced a few days after they end (graceDays).

type DemoControl = { id: string; ref: string; title: string };

/**
 * A month-end reconciliation done in the first week of the next month: grace 7 days, each
 * month's evidence dated the 5th of the next one and recorded for its month. Last month's is
 * open until its grace is over, then recorded.
 */
export const GRACE_CONTROL = { ref: "DATA-07", graceDays: 7, performedAfter: 5 };

/** A quarterly self-assessment, each recorded for its quarter a few days after it ends. */
export const KEYED_CONTROL = { ref: "GOV-05", performedAfter: 4 };

export async function seedGraceControl(
  ctx: OrgContext,
  control: DemoControl,
  period: Period,
  today: string,
): Promise<void> {
  const { version } = await getDb().control.findUniqueOrThrow({
    where: { id: control.id },
    select: { version: true },
  });
  await bulkUpdateControls(ctx, {
    controls: [{ id: control.id, version }],
    graceDays: GRACE_CONTROL.graceDays,
  });
  for (const slot of expectedSlots("monthly", period)) {
    const performed = addDays(slot.end, GRACE_CONTROL.performedAfter);
    if (performed >= today) break;
    await occurrenceEvidence(ctx, control, slot.key, performed, "reconciliation signed off");
  }
}

/** Every closed quarter's self-assessment, the last one dated in the current quarter. */
export async function seedKeyedControl(
  ctx: OrgContext,
  control: DemoControl,
  period: Period,
  today: string,
): Promise<void> {
  for (const slot of expectedSlots("quarterly", period)) {
    if (slot.end >= today) break;
    const performed = minDate(addDays(slot.end, KEYED_CONTROL.performedAfter), today);
    await occurrenceEvidence(ctx, control, slot.key, performed, "self-assessment completed");
  }
}

async function occurrenceEvidence(
  ctx: OrgContext,
  control: DemoControl,
  slotKey: string,
  effectiveDate: string,
  what: string,
): Promise<void> {
  await addNoteEvidence(ctx, {
    controlIds: [control.id],
    purpose: "operating",
    title: `${control.ref} ${slotKey} ${what}`,
    note: `${control.title}: the ${slotKey} ${what} on ${effectiveDate}, recorded for ${slotKey}.`,
    effectiveDate,
    // The occurrence the evidence is for (readiness-rules.md, section 3).
    slotKey,
  });
}
