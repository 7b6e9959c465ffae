// What the activity log can be filtered by: kinds of action (groups of the vocabulary) and local
// days in the organisation's time zone. Pure: no clock, no data.

import { ACTIVITY_ACTIONS, type ActivityAction } from "./activity-vocabulary";

export const ACTION_GROUPS = [
  "controls",
  "evidence",
  "engagements",
  "requests",
  "people",
  "auditor_visits",
  "organisation",
  "exports",
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

export const ACTION_GROUP_LABELS: Record<ActionGroup, string> = {
  controls: "Controls and mappings",
  evidence: "Evidence, populations and exceptions",
  engagements: "Engagements, objectives and descriptions",
  requests: "Auditor requests",
  people: "Members, invitations and accounts",
  auditor_visits: "What auditors viewed or downloaded",
  organisation: "Organisation settings",
  exports: "Exports",
};

/** The kind an action belongs to. */
export function groupOf(action: ActivityAction): ActionGroup {
  if (action === "auditor.viewed" || action === "auditor.downloaded") return "auditor_visits";
  if (action === "control.imported" || action === "requirement.controls_changed") return "controls";
  const [noun] = action.split(".");
  switch (noun) {
    case "control":
      return "controls";
    case "evidence":
    case "population":
    case "exception":
      return "evidence";
    case "engagement":
    case "objective":
    case "requirement":
    case "description":
    case "paperwork":
      return "engagements";
    case "request":
      return "requests";
    case "organization":
      return "organisation";
    case "export":
      return "exports";
    default:
      return "people";
  }
}

/** The actions a filter value stands for: a group's, or the one action named. */
export function actionsFor(filter: ActionGroup | ActivityAction): ActivityAction[] {
  return (ACTION_GROUPS as readonly string[]).includes(filter)
    ? ACTIVITY_ACTIONS.filter((action) => groupOf(action) === filter)
    : [filter as ActivityAction];
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(timeZone: string, instant: number): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const part = Object.fromEntries(
    formatter.formatToParts(new Date(instant)).map(({ type, value }) => [type, Number(value)]),
  );
  const wall = Date.UTC(
    part.year ?? 0,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local day ("YYYY-MM-DD") begins in `timeZone` (a valid IANA name). */
export function startOfDayIn(timeZone: string, day: string): Date {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const midnightUtc = Date.UTC(year, month - 1, date);
  let instant = midnightUtc - offsetAt(timeZone, midnightUtc);
  // Across a change of offset the first guess is off by the change: one correction settles it.
  instant = midnightUtc - offsetAt(timeZone, instant);
  return new Date(instant);
}

/** The day after `day` ("YYYY-MM-DD"), on the calendar. */
export function nextDay(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** A spreadsheet cell that cannot run as a formula: text starting = + - @ (or tab, CR) is quoted. */
export function safeCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
