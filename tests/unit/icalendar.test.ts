import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, renderCalendar } from "@/lib/domain/icalendar";

const octets = (line: string) => Buffer.byteLength(line, "utf8");

describe("iCalendar text", () => {
  it("escapes backslashes, semicolons, commas and line breaks", () => {
    expect(escapeText("a\\b; c, d\r\ne\nf")).toBe("a\\\\b\\; c\\, d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"é".repeat(100)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    expect(folded.every((piece) => octets(piece) <= 75)).toBe(true);
    expect(folded.slice(1).every((piece) => piece.startsWith(" "))).toBe(true);
    expect(folded.map((piece, index) => (index === 0 ? piece : piece.slice(1))).join("")).toBe(
      line,
    );
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });
});

describe("renderCalendar", () => {
  it("writes a document ical.js reads back, with CRLF line endings", () => {
    const summary = `AC-03: 2026-Q2 due; reviewed, signed — ${"long text ".repeat(12)}`;
    const document = renderCalendar({
      name: "Assay",
      now: new Date("2026-04-15T10:00:00.123Z"),
      events: [
        { uid: "c1.2026-Q2@assay", date: "2026-12-31", summary, url: "https://a.example/x\n" },
      ],
    });
    expect(document.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(document.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(document.split("\r\n").every((line) => octets(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(document));
    const vevent = calendar.getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no event");
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(summary);
    expect(event.startDate.toString()).toBe("2026-12-31");
    expect(event.endDate.toString()).toBe("2027-01-01");
    expect(
      calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("dtstamp")?.toString(),
    ).toBe("2026-04-15T10:00:00Z");
    expect(calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("url")).toBe(
      "https://a.example/x",
    );
  });
});
