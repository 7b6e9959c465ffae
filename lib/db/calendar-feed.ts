import "server-only";
import { renderCalendar, type CalendarEvent } from "@/lib/domain/icalendar";
import { isRole } from "@/lib/domain/permissions";
import { addDays } from "@/lib/domain/readiness/calendar";
import { todayIn } from "@/lib/domain/time-zone";
import { forbidden, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { hashLinkToken, newLinkToken } from "./link-tokens";
import { orgReadinessSummary } from "./org-readiness-summary";

// A member's secret calendar feed: a URL with a random token that calendar apps fetch without
// a session. Only the token's SHA-256 is stored (Membership.calendarTokenHash), so the URL is
// shown once, when issued; issuing again replaces it, revoking removes it. The feed holds one
// all-day event per missing or open occurrence of the member's controls, on its due date.

/** Bounds the document a daily control missing all year could otherwise make very long. */
export const MAX_FEED_EVENTS = 2000;

export type CalendarFeedStatus = { active: boolean; createdAt: Date | null };

async function myMembership(ctx: OrgContext) {
  assertCan(ctx, "org.view");
  const membership = await getDb().membership.findUnique({
    where: { organizationId_userId: { organizationId: ctx.orgId, userId: ctx.userId } },
    select: { id: true, calendarTokenHash: true, calendarTokenCreatedAt: true },
  });
  if (!membership) throw notFound();
  return membership;
}

export async function calendarFeedStatus(ctx: OrgContext): Promise<CalendarFeedStatus> {
  const membership = await myMembership(ctx);
  return {
    active: membership.calendarTokenHash !== null,
    createdAt: membership.calendarTokenHash ? membership.calendarTokenCreatedAt : null,
  };
}

/** A new secret token for the asking member's feed (any earlier one stops working). */
export async function issueCalendarToken(ctx: OrgContext, now: Date = new Date()): Promise<string> {
  // Outside auditors own no controls: their feed would always be empty.
  if (ctx.role === "auditor") throw forbidden();
  const membership = await myMembership(ctx);
  const { token, tokenHash } = newLinkToken();
  await getDb().$transaction(async (tx) => {
    await tx.membership.update({
      where: { id: membership.id },
      data: { calendarTokenHash: tokenHash, calendarTokenCreatedAt: now },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "member.calendar_feed_issued",
        entityType: "membership",
        entityId: membership.id,
        after: { userId: ctx.userId },
      },
      now,
    );
  });
  return token;
}

export async function revokeCalendarToken(ctx: OrgContext, now: Date = new Date()): Promise<void> {
  if (ctx.role === "auditor") throw forbidden();
  const membership = await myMembership(ctx);
  if (membership.calendarTokenHash === null) return;
  await getDb().$transaction(async (tx) => {
    await tx.membership.update({
      where: { id: membership.id },
      data: { calendarTokenHash: null, calendarTokenCreatedAt: null },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "member.calendar_feed_revoked",
        entityType: "membership",
        entityId: membership.id,
        after: { userId: ctx.userId },
      },
      now,
    );
  });
}

/** The feed's events: missing and open occurrences of the member's controls, by due date. */
async function feedEvents(ctx: OrgContext, today: string, origin: string) {
  const [{ runs, controls }, graces] = await Promise.all([
    orgReadinessSummary(ctx, today, { kind: "owner", userId: ctx.userId }),
    getDb().control.findMany({
      where: { organizationId: ctx.orgId, ownerId: ctx.userId },
      select: { id: true, graceDays: true },
    }),
  ]);
  const mine = new Set(controls.filter((c) => c.status !== "retired").map((c) => c.id));
  const grace = new Map(graces.map((control) => [control.id, control.graceDays]));
  const events = new Map<string, CalendarEvent>();
  for (const run of runs) {
    for (const control of run.readiness.controls) {
      if (!mine.has(control.controlId) || !control.inScope) continue;
      for (const slot of control.operating?.slots ?? []) {
        if (slot.state !== "missing" && slot.state !== "open") continue;
        const uid = `${control.controlId}.${slot.key}@assay`;
        if (events.has(uid)) continue;
        const due = slot.dueFrom ?? addDays(slot.end, (grace.get(control.controlId) ?? 0) + 1);
        const href = `${origin}/o/${encodeURIComponent(ctx.orgSlug)}/controls/${encodeURIComponent(control.controlId)}`;
        events.set(uid, {
          uid,
          date: due,
          summary: `${control.ref}: ${slot.label} ${slot.state === "missing" ? "missing" : "due"}`,
          description: `${ctx.orgName}, ${run.engagement.name}: evidence for ${slot.label} (${slot.start} to ${slot.end}) ${
            slot.state === "missing" ? "is overdue" : `is due by the end of ${addDays(due, -1)}`
          }. ${href}`,
          url: href,
        });
      }
    }
  }
  return [...events.values()]
    .sort((a, b) => (a.date === b.date ? a.uid.localeCompare(b.uid) : a.date.localeCompare(b.date)))
    .slice(0, MAX_FEED_EVENTS);
}

/**
 * The iCalendar document for a feed token, or null when no membership holds it (unknown,
 * replaced or revoked). Reads only: fetching a feed writes nothing.
 */
export async function calendarFeedFor(
  token: string,
  origin: string,
  now: Date = new Date(),
): Promise<string | null> {
  const membership = await getDb().membership.findUnique({
    where: { calendarTokenHash: hashLinkToken(token) },
    select: {
      role: true,
      userId: true,
      organization: { select: { id: true, slug: true, name: true, timeZone: true } },
    },
  });
  if (!membership || !isRole(membership.role) || membership.role === "auditor") return null;
  const { organization } = membership;
  const ctx: OrgContext = {
    userId: membership.userId,
    orgId: organization.id,
    orgSlug: organization.slug,
    orgName: organization.name,
    role: membership.role,
  };
  const events = await feedEvents(ctx, todayIn(organization.timeZone, now), origin);
  return renderCalendar({ name: `Assay: ${organization.name}`, events, now });
}
