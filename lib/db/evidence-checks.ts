import "server-only";
import type { ControlFrequency } from "@/lib/domain/controls";
import { isSlotKeyFor } from "@/lib/domain/readiness/occurrences";
import { todayIn } from "@/lib/domain/time-zone";
import { AppError, notFound } from "@/lib/errors";
import type { Tx } from "./client";
import type { OrgContext } from "./context";
import { FREQUENCY_LABELS } from "@/lib/domain/labels";

// The checks every write of evidence and exceptions makes against the data: the controls and
// event are the organisation's own, the occurrence suits the controls, no date is in the future.

const invalid = (field: string, message: string) =>
  new AppError("VALIDATION", message, { [field]: [message] });

/** Every control must be the organisation's own; an event must belong to one of them. */
export async function assertTargets(
  tx: Tx,
  ctx: OrgContext,
  controlIds: readonly string[],
  eventId?: string | null,
): Promise<void> {
  const unique = [...new Set(controlIds)];
  const found = await tx.control.count({
    where: { organizationId: ctx.orgId, id: { in: unique } },
  });
  if (found !== unique.length) throw notFound();
  if (eventId) {
    const event = await tx.populationEvent.findFirst({
      where: { id: eventId, organizationId: ctx.orgId, controlId: { in: unique } },
      select: { id: true },
    });
    if (!event) throw invalid("eventId", "That event does not belong to the chosen controls.");
  }
}

/**
 * A slot key must name an occurrence every linked control can have: a key of its frequency's
 * shape ("2026-Q1" for a quarterly control), or, for an event-driven control, one of its events.
 */
export async function assertSlotKey(
  tx: Tx,
  ctx: OrgContext,
  controlIds: readonly string[],
  slotKey: string | null | undefined,
): Promise<void> {
  if (!slotKey) return;
  const controls = await tx.control.findMany({
    where: { organizationId: ctx.orgId, id: { in: [...new Set(controlIds)] } },
    select: { id: true, ref: true, frequency: true, events: { where: { id: slotKey } } },
    orderBy: { ref: "asc" },
  });
  for (const control of controls) {
    const frequency = control.frequency as ControlFrequency;
    if (isSlotKeyFor(frequency, slotKey) || control.events.length > 0) continue;
    throw invalid(
      "slotKey",
      frequency === "event_driven"
        ? `That occurrence is not one of ${control.ref}'s population events.`
        : `${slotKey} is not an occurrence of ${control.ref} (${FREQUENCY_LABELS[frequency].toLowerCase()}).`,
    );
  }
}

/** Today in the organisation's time zone. */
export async function organizationToday(tx: Tx, ctx: OrgContext, now: Date): Promise<string> {
  const { timeZone } = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { timeZone: true },
  });
  return todayIn(timeZone, now);
}

/** Evidence and exceptions record what happened: a date after today is refused on its field. */
export async function assertNotFuture(
  tx: Tx,
  ctx: OrgContext,
  dates: Record<string, string>,
  now: Date,
): Promise<void> {
  const today = await organizationToday(tx, ctx, now);
  for (const [field, date] of Object.entries(dates)) {
    if (date > today)
      throw invalid(field, `The date cannot be after today (${today}): use today or earlier.`);
  }
}

/** A deletion says why: the log keeps the reason with what was deleted. */
export function assertReason(reason: string): void {
  if (!reason.trim()) throw invalid("reason", "Say why it is deleted.");
}
