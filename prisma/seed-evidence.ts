import type { OrgContext } from "../lib/db/context";
import { getDb } from "../lib/db/client";
import { addNoteEvidence } from "../lib/db/evidence";
import { recordException } from "../lib/db/exceptions";
import { addPopulationEvent } from "../lib/db/population";
import { addDays } from "../lib/domain/readiness/calendar";
import {
  GRACE_CONTROL,
  KEYED_CONTROL,
  seedGraceControl,
  seedKeyedControl,
} from "./seed-occurrences";

// Demo evidence for the SOC 2 Type II engagement: mid-period, most occurrences evidenced, a
// few missing (two controls stopped collecting two months ago; one onboarding event has no
// evidence), and one open exception, so the dashboard tells a story. Two controls show
// readiness v2: one with grace days, one whose evidence names the quarter it is for.

const STOPPED_EARLY = new Set(["AC-03", "OPS-02"]);
const OPEN_EXCEPTION = "CHG-01";

export async function seedEvidence(
  ctx: OrgContext,
  period: { start: string; end: string },
  today: string,
): Promise<void> {
  const controls = await getDb().control.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true, ref: true, title: true, frequency: true },
    orderBy: { ref: "asc" },
  });
  for (const control of controls) {
    await addNoteEvidence(ctx, {
      controlIds: [control.id],
      purpose: "design",
      title: `${control.ref} procedure approved`,
      note: `The procedure for **${control.title.toLowerCase()}** was reviewed and approved by the control owner.`,
      effectiveDate: addDays(period.start, 14),
    });
    if (control.frequency === "event_driven") {
      for (const [index, offset] of [30, 120, 200].entries()) {
        const event = await addPopulationEvent(ctx, {
          controlId: control.id,
          date: addDays(period.start, offset),
          reference: `${control.ref}-EV-${index + 1}`,
          description: "Recorded from the ticketing system",
        });
        if (index < 2) {
          await addNoteEvidence(ctx, {
            controlIds: [control.id],
            purpose: "operating",
            title: `Ticket ${control.ref}-EV-${index + 1} completed`,
            note: "Approval and completion recorded in the ticket.",
            effectiveDate: addDays(period.start, offset + 1),
            eventId: event.id,
          });
        }
      }
      continue;
    }
    if (control.ref === GRACE_CONTROL.ref) {
      await seedGraceControl(ctx, control, period, today);
      continue;
    }
    if (control.ref === KEYED_CONTROL.ref) {
      await seedKeyedControl(ctx, control, period, today);
      continue;
    }
    const coveredUntil = STOPPED_EARLY.has(control.ref) ? addDays(today, -75) : today;
    await addNoteEvidence(ctx, {
      controlIds: [control.id],
      purpose: "operating",
      title: `${control.ref} operating records`,
      note: `Export of the ${control.frequency.replace("_", " ")} records for ${control.ref}, covering the period so far.`,
      effectiveDate: period.start,
      coverageEnd: coveredUntil,
    });
  }
  const exceptionControl = controls.find((control) => control.ref === OPEN_EXCEPTION);
  if (exceptionControl) {
    await recordException(ctx, {
      controlId: exceptionControl.id,
      date: addDays(today, -20),
      severity: "medium",
      description: "A production change was deployed before its approval was recorded.",
    });
  }
}
