import { describe, expect, it } from "vitest";
import { occurrenceList } from "@/lib/export/pdf/format";
import { fitLine, loadMetrics, textWidth } from "@/lib/export/pdf/measure";
import { Sketch, type Marker, type Painter } from "@/lib/export/pdf/sketch";
import { ARTIFACT, tag } from "@/lib/export/pdf/structure";

/** A painter that records each call by name and arguments. */
function recordingPainter(): { painter: Painter; calls: string[] } {
  const calls: string[] = [];
  const painter = new Proxy({} as Painter, {
    get:
      (_target, name: string) =>
      (...args: unknown[]) => {
        const shown = args.map((arg) =>
          typeof arg === "object" && arg && "postscriptName" in arg ? arg.postscriptName : arg,
        );
        calls.push(`${name}(${shown.filter((arg) => typeof arg !== "object").join(",")})`);
        return painter;
      },
  });
  return { painter, calls };
}

describe("occurrenceList", () => {
  it("writes runs of consecutive days as ranges, pairs as pairs, and other labels as they are", () => {
    expect(occurrenceList([])).toBe("");
    expect(
      occurrenceList([
        "2026-02-11",
        "2026-02-12",
        "2026-02-13",
        "2026-02-15",
        "2026-02-16",
        "2026-02-18",
      ]),
    ).toBe("2026-02-11 to 2026-02-13 (3 days), 2026-02-15, 2026-02-16, 2026-02-18");
    expect(occurrenceList(["2026-02-27", "2026-02-28", "2026-03-01"])).toBe(
      "2026-02-27 to 2026-03-01 (3 days)",
    );
    expect(
      occurrenceList(["2028-02-28", "2028-02-29", "2028-03-01", "2028-12-31", "2029-01-01"]),
    ).toBe("2028-02-28 to 2028-03-01 (3 days), 2028-12-31, 2029-01-01");
    expect(occurrenceList(["2026-01", "2026-02", "2026-03", "2026-W05", "2026-Q2"])).toBe(
      "2026-01, 2026-02, 2026-03, 2026-W05, 2026-Q2",
    );
    expect(occurrenceList(["2026-03-01", "2026-03-01", "2026-03-02"])).toBe(
      "2026-03-01, 2026-03-01, 2026-03-02",
    );
  });
});

describe("Sketch", () => {
  // A font is named as the document registered it (pdfkit-document.ts), so pdfkit takes the face
  // it already holds rather than opening the font again.
  it("paints each style of shape as one path, under the text, and the text in the order it was given, naming each face as registered", async () => {
    await loadMetrics();
    const { painter, calls } = recordingPainter();
    new Sketch()
      .text("first", 1, 10, "Sans-Bold", 8, "#111111")
      .line(0, 5, 100, 5, "#cccccc", 0.5)
      .box(0, 0, 4, 4, "#00ff00", "#00ff00", 0.5)
      .text("second", 1, 20, "Sans", 8, "#111111")
      .line(0, 15, 100, 15, "#cccccc", 0.5)
      .box(6, 0, 4, 4, "#00ff00", "#00ff00", 0.5)
      .background(0, 0, 100, 4, "#eeeeee")
      .dot(2, 2, 1, "#ff0000")
      .text("", 1, 25, "Sans", 8, "#111111")
      .text("third", 1, 30, "Sans", 8, "#999999")
      .draw(painter);
    expect(calls).toEqual([
      "rect(0,0,100,4)",
      "fill(#eeeeee)",
      "rect(0,0,4,4)",
      "rect(6,0,4,4)",
      "lineWidth(0.5)",
      "fillAndStroke(#00ff00,#00ff00)",
      "moveTo(0,5)",
      "lineTo(100,5)",
      "moveTo(0,15)",
      "lineTo(100,15)",
      "lineWidth(0.5)",
      "stroke(#cccccc)",
      "circle(2,2,1)",
      "fill(#ff0000)",
      "font(Sans-Bold)",
      "fontSize(8)",
      "fillColor(#111111)",
      "text(first,1,10)",
      "font(Sans)",
      "text(second,1,20)",
      "fillColor(#999999)",
      "text(third,1,30)",
    ]);
  });
});

describe("Sketch with a marker", () => {
  it("draws the shapes as one artifact, then each run of lines of one element as its content, unmarked lines as artifacts", async () => {
    await loadMetrics();
    const { painter, calls } = recordingPainter();
    const heading = tag("H1");
    const cell = tag("TD", tag("TR", tag("Table")));
    const mark: Marker = (marking, draw) => {
      calls.push(`<${marking === ARTIFACT ? ARTIFACT : marking.type}>`);
      draw();
      calls.push("</>");
    };
    new Sketch()
      .text("Title", 0, 10, "Sans-Bold", 15, "#111111", { mark: heading })
      .text("continued", 0, 20, "Sans-Bold", 15, "#111111", { mark: heading })
      .line(0, 5, 100, 5, "#cccccc", 0.5)
      .text("page 1 of 2", 0, 30, "Sans", 7.5, "#999999")
      .text("cell", 0, 40, "Sans", 8, "#111111", { mark: cell })
      .draw(painter, { mark });
    expect(calls.filter((call) => /^<|^<\/|^text|^stroke/.test(call))).toEqual([
      "<Artifact>",
      "stroke(#cccccc)",
      "</>",
      "<H1>",
      "text(Title,0,10)",
      "text(continued,0,20)",
      "</>",
      "<Artifact>",
      "text(page 1 of 2,0,30)",
      "</>",
      "<TD>",
      "text(cell,0,40)",
      "</>",
    ]);
  });
});

describe("fitLine", () => {
  it("keeps text that fits and cuts the rest short with an ellipsis, within the width", async () => {
    await loadMetrics();
    expect(fitLine("Bench Org", 200, "Sans", 7.5)).toBe("Bench Org");
    const long = "Very Long Organisation Name Holdings International Payments Group Ltd";
    const cut = fitLine(long, 100, "Sans", 7.5);
    expect(cut).toMatch(/^Very Long .*…$/);
    expect(cut).not.toMatch(/ …$/);
    expect(textWidth(cut, "Sans", 7.5)).toBeLessThanOrEqual(100);
    expect(textWidth(`${long.slice(0, cut.length)}…`, "Sans", 7.5)).toBeGreaterThan(100);
    expect(fitLine(long, 1, "Sans", 7.5)).toBe("");
  });
});
