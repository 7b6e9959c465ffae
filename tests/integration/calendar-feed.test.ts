import ICAL from "ical.js";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/calendar/[token]/route";
import {
  calendarFeedFor,
  calendarFeedStatus,
  issueCalendarToken,
  revokeCalendarToken,
} from "@/lib/db/calendar-feed";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import {
  actions,
  addMember,
  criterion,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The member's calendar feed, parsed with ical.js as a calendar app would. On 15 April 2026 a
// quarterly control owes 2026-Q1 (missing since 1 April) and 2026-Q2 is open (due from 1 July).

const ORIGIN = "https://assay.example";
const NOW = new Date("2026-04-15T10:00:00Z");

async function quarterlyControl(ctx: OrgContext, ownerId: string, ref: string, graceDays = 0) {
  const { id } = await makeControl(ctx, {
    ref,
    status: "implemented",
    ownerId,
    description: "Access is reviewed every quarter.",
    frequency: "quarterly",
    graceDays,
  });
  await setControlMappings(ctx, id, [criterion("CC6.1")], []);
  await addNoteEvidence(
    ctx,
    noteEvidenceInput([id], { purpose: "design", effectiveDate: "2026-01-15" }),
  );
  return id;
}

function events(document: string) {
  const calendar = new ICAL.Component(ICAL.parse(document));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        allDay: event.startDate.isDate,
        url: component.getFirstPropertyValue("url"),
        stamp: component.getFirstPropertyValue("dtstamp"),
      };
    }),
  };
}

function feedRequest(token: string, address = "203.0.113.9") {
  return GET(
    new NextRequest(`http://assay.test/api/calendar/${token}.ics`, {
      headers: { "x-forwarded-for": address },
    }),
    { params: Promise.resolve({ token: `${token}.ics` }) },
  );
}

describe("calendar feed", () => {
  it("lists the member's missing and open occurrences as all-day events on their due dates", async () => {
    const ctx = await makeOrg(undefined, "Northwind, Payments; EU");
    await makeEngagement(ctx, { name: "SOC 2 2026" });
    const control = await quarterlyControl(ctx, ctx.userId, "AC-03", 10);
    const other = await addMember(ctx, "editor");
    await quarterlyControl(ctx, other.user.userId, "AC-99");
    const token = await issueCalendarToken(ctx, NOW);
    const document = await calendarFeedFor(token, ORIGIN, NOW);
    if (document === null) throw new Error("no feed");

    const parsed = events(document);
    expect(parsed.calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(parsed.calendar.getFirstPropertyValue("prodid")).toBe(
      "-//Assay//Readiness reminders//EN",
    );
    // An X- property: ical.js leaves its value raw, which shows the escaping.
    expect(document).toContain("\r\nX-WR-CALNAME:Assay: Northwind\\, Payments\\; EU\r\n");
    const vevent = parsed.calendar.getFirstSubcomponent("vevent");
    expect(vevent?.getFirstPropertyValue("description")).toContain(
      "Northwind, Payments; EU, SOC 2 2026: evidence for 2026-Q1",
    );
    const link = `${ORIGIN}/o/${ctx.orgSlug}/controls/${control}`;
    expect(parsed.events).toEqual([
      // Q1 ended 31 March; with 10 grace days it is missing from 11 April.
      {
        uid: `${control}.2026-Q1@assay`,
        summary: "AC-03: 2026-Q1 missing",
        start: "2026-04-11",
        end: "2026-04-12",
        allDay: true,
        url: link,
        stamp: expect.anything(),
      },
      {
        uid: `${control}.2026-Q2@assay`,
        summary: "AC-03: 2026-Q2 due",
        start: "2026-07-11",
        end: "2026-07-12",
        allDay: true,
        url: link,
        stamp: expect.anything(),
      },
    ]);
    expect(document).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(document.split("\r\n").every((line) => !line.includes("\n"))).toBe(true);
    expect(document.split("\r\n").every((line) => Buffer.byteLength(line, "utf8") <= 75)).toBe(
      true,
    );
    // Fetched again later: the same UIDs, so calendars update the events rather than add more.
    const later = await calendarFeedFor(token, ORIGIN, new Date(NOW.getTime() + 3_600_000));
    expect(events(later ?? "").events.map((event) => event.uid)).toEqual(
      parsed.events.map((event) => event.uid),
    );
  });

  it("stops answering a revoked or replaced token, and stores only the token's hash", async () => {
    const ctx = await makeOrg();
    expect(await calendarFeedStatus(ctx)).toEqual({ active: false, createdAt: null });
    const first = await issueCalendarToken(ctx, NOW);
    const membership = await getDb().membership.findFirstOrThrow({
      where: { organizationId: ctx.orgId, userId: ctx.userId },
    });
    expect(membership.calendarTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(membership.calendarTokenHash).not.toContain(first);
    expect(await calendarFeedStatus(ctx)).toEqual({ active: true, createdAt: NOW });

    const second = await issueCalendarToken(ctx, NOW);
    expect(await calendarFeedFor(first, ORIGIN, NOW)).toBeNull();
    expect(await calendarFeedFor(second, ORIGIN, NOW)).toContain("BEGIN:VCALENDAR");
    await revokeCalendarToken(ctx);
    expect(await calendarFeedFor(second, ORIGIN, NOW)).toBeNull();
    expect(await calendarFeedStatus(ctx)).toEqual({ active: false, createdAt: null });
    expect((await actions(ctx.orgId)).filter((action) => action.includes("calendar"))).toEqual([
      "member.calendar_feed_issued",
      "member.calendar_feed_issued",
      "member.calendar_feed_revoked",
    ]);
    await expectIntactLog(ctx);
  });

  it("serves text/calendar without a session, 404 for unknown tokens, and writes nothing", async () => {
    const ctx = await makeOrg();
    const token = await issueCalendarToken(ctx, NOW);
    const before = await getDb().membership.findFirstOrThrow({
      where: { organizationId: ctx.orgId, userId: ctx.userId },
    });
    const counts = async () => ({
      activity: await getDb().activityLogEntry.count(),
      buckets: await getDb().rateLimitBucket.count(),
      runs: await getDb().jobRun.count(),
    });
    const start = await counts();
    const response = await feedRequest(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await response.text()).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);
    expect(await counts()).toEqual(start);
    const after = await getDb().membership.findFirstOrThrow({ where: { id: before.id } });
    expect(after.updatedAt).toEqual(before.updatedAt);

    const unknown = "A".repeat(43);
    expect((await feedRequest(unknown)).status).toBe(404);
    expect((await feedRequest("not-a-token")).status).toBe(404);
    await revokeCalendarToken(ctx);
    expect((await feedRequest(token)).status).toBe(404);
  });

  it("throttles one token's fetches", async () => {
    const ctx = await makeOrg();
    const token = await issueCalendarToken(ctx, NOW);
    const statuses: number[] = [];
    for (let index = 0; index < 22; index++)
      statuses.push((await feedRequest(token, `198.51.100.${index}`)).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const refused = await feedRequest(token, "198.51.100.99");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
