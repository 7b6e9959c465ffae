// The occurrences of a Type II period as a strip of small squares. Shape tells the states apart
// as well as colour: filled = covered, crossed = missing, hollow = not yet due (open ones
// outlined in amber). A control with
// more occurrences than fit legibly (a daily or weekly one) gets one square a month, as the
// dashboard shows daily controls, and that month is missing if any occurrence in it is.
import type { ExportSlot } from "@/lib/domain/export/types";
import type { SlotStateName } from "@/lib/domain/readiness/operating";
import { SLOT_WORDS } from "./format";
import type { FlowBlock } from "./paging";
import { baselineIn, CONTENT_WIDTH, textWidth, wrap, type Face } from "./measure";
import type { Sketch } from "./sketch";
import { tag } from "./structure";
import { COLORS, SLOT_COLORS, TEXT } from "./styles";

/** Above this many occurrences the strip shows months. */
const MAX_CELLS = 26;
/** The largest square, which is also the strip's height. */
export const STRIP_LINE = 5.5;
const LEGEND_SQUARE = 8;

function worst(states: readonly SlotStateName[]): SlotStateName {
  if (states.includes("missing")) return "missing";
  if (states.includes("open")) return "open";
  if (states.includes("covered")) return "covered";
  return "upcoming";
}

export function stripCells(slots: readonly ExportSlot[]): SlotStateName[] {
  if (slots.length <= MAX_CELLS) return slots.map((slot) => slot.state);
  const months = new Map<string, SlotStateName[]>();
  for (const slot of slots) {
    const month = slot.start.slice(0, 7);
    const states = months.get(month);
    if (states) states.push(slot.state);
    else months.set(month, [slot.state]);
  }
  return [...months.values()].map(worst);
}

function drawSquare(sketch: Sketch, state: SlotStateName, x: number, y: number, size: number) {
  const { fill, stroke } = SLOT_COLORS[state];
  sketch.box(x + 0.25, y + 0.25, size - 0.5, size - 0.5, fill, stroke, 0.5);
  if (state === "missing") sketch.line(x, y + size, x + size, y, stroke, 0.75);
}

/** The squares in one line of `width`, smaller when there are many; bottoms aligned at `top + STRIP_LINE`. */
export function drawStrip(
  sketch: Sketch,
  cells: readonly SlotStateName[],
  x: number,
  top: number,
  width: number,
) {
  const step = Math.min(STRIP_LINE * 1.25, width / cells.length);
  const size = step * 0.8;
  cells.forEach((state, index) =>
    drawSquare(sketch, state, x + index * step, top + STRIP_LINE - size, size),
  );
}

const LEGEND_ORDER: readonly SlotStateName[] = ["covered", "missing", "open", "upcoming"];
const LEGEND = { size: 8.5, line: 11, gap: 3, spacing: 12, below: 10, face: "Sans" as Face };
const LEGEND_NOTE = `More than ${MAX_CELLS} occurrences: one square a month, missing if any occurrence in it is.`;

/** What the squares mean, above the table: each state's square and word, then the monthly rule. */
export function slotLegend(): FlowBlock {
  const noteLeft = LEGEND_ORDER.reduce(
    (x, state) =>
      x +
      LEGEND_SQUARE +
      LEGEND.gap +
      textWidth(SLOT_WORDS[state], LEGEND.face, LEGEND.size) +
      LEGEND.spacing,
    0,
  );
  const noteLines = wrap(LEGEND_NOTE, CONTENT_WIDTH - noteLeft, LEGEND.face, LEGEND.size);
  const baseline = (top: number) => baselineIn(top, LEGEND.line, LEGEND.size);
  const mark = { mark: tag("P") };
  const paint = (sketch: Sketch, top: number) => {
    let x = 0;
    for (const state of LEGEND_ORDER) {
      drawSquare(sketch, state, x, top + (LEGEND.line - LEGEND_SQUARE) / 2, LEGEND_SQUARE);
      x += LEGEND_SQUARE + LEGEND.gap;
      sketch.text(
        SLOT_WORDS[state],
        x,
        baseline(top),
        LEGEND.face,
        LEGEND.size,
        COLORS.muted,
        mark,
      );
      x += textWidth(SLOT_WORDS[state], LEGEND.face, LEGEND.size) + LEGEND.spacing;
    }
    noteLines.forEach((line, index) =>
      sketch.text(
        line,
        noteLeft,
        baseline(top + index * LEGEND.line),
        LEGEND.face,
        LEGEND.size,
        COLORS.muted,
        mark,
      ),
    );
  };
  return {
    kind: "block",
    height: Math.max(TEXT.body.line, noteLines.length * LEGEND.line) + LEGEND.below,
    keepWithNext: true,
    paint,
  };
}
