// An iCalendar document (RFC 5545) of all-day events, for the members' calendar feeds: CRLF
// line endings, text values escaped (section 3.3.11) and content lines folded at 75 octets
// (section 3.1) without splitting a UTF-8 character. Pure: the instant comes in as an argument.

import { addDays } from "./readiness/calendar";

export type CalendarEvent = {
  /** Stable across fetches, so a calendar updates the event instead of adding another. */
  uid: string;
  /** The all-day event's date, "YYYY-MM-DD". */
  date: string;
  summary: string;
  description?: string;
  url?: string;
};

export type CalendarDocument = { name: string; events: readonly CalendarEvent[]; now: Date };

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Splits one content line into lines of at most 75 octets, continuations starting with a space. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const limit = pieces.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

const compactDate = (date: string) => date.replace(/-/g, "");

function utcStamp(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** A URI value: no escaping, but line breaks and control characters are never valid in one. */
function uri(value: string): string {
  return [...value].filter((character) => character > "\u001f" && character !== "\u007f").join("");
}

export function renderCalendar(document: CalendarDocument): string {
  const stamp = utcStamp(document.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Assay//Readiness reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(document.name)}`,
  ];
  for (const event of document.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${uri(event.url)}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
