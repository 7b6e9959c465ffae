import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import { calendarFeedStatus } from "./calendar-feed";
import type { OrgContext } from "./context";
import { getReminderSettings, type ReminderSettings } from "./reminders";
import { organizationTimeZone } from "./time-zone";

// Everything the reminders page shows, in one call: the member's own digest setting and
// calendar feed, and the organisation's time zone its dates are written in.

export type RemindersPage = {
  orgSlug: string;
  orgName: string;
  timeZone: string;
  settings: ReminderSettings;
  feed: {
    active: boolean;
    /** When the current feed address was issued ("2 Mar 2026", the organisation's date). */
    issued: string | null;
  };
};

/**
 * The team's page: someone without library.view (an outside auditor, who owns no controls and
 * gets no reminders) gets NOT_FOUND.
 */
export async function loadRemindersPage(ctx: OrgContext): Promise<RemindersPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const [settings, feed, timeZone] = await Promise.all([
    getReminderSettings(ctx),
    calendarFeedStatus(ctx),
    organizationTimeZone(ctx),
  ]);
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone });
  return {
    orgSlug: ctx.orgSlug,
    orgName: ctx.orgName,
    timeZone,
    settings,
    feed: { active: feed.active, issued: feed.createdAt ? format.format(feed.createdAt) : null },
  };
}
