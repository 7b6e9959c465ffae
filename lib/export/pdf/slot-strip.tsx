// The occurrences of a Type II period as a strip of small squares. Shape tells the states apart
// as well as colour: filled = covered, crossed = missing, hollow = not yet due. A control with
// more occurrences than fit legibly (a daily or weekly one) gets one square a month, as the
// dashboard shows daily controls, and that month is missing if any occurrence in it is.
import { Path, Svg, Text, View, StyleSheet } from "@react-pdf/renderer";
import type { ExportSlot } from "@/lib/domain/export/types";
import type { SlotStateName } from "@/lib/domain/readiness/operating";
import { SLOT_WORDS } from "./format";
import type { FlowBlock } from "./paging";
import type { Sketch } from "./sketch";
import { SLOT_COLORS, styles, TEXT } from "./styles";

/** Above this many occurrences the strip shows months. */
const MAX_CELLS = 26;
/** The largest square, which is also the strip's height. */
export const STRIP_LINE = 5.5;
const LEGEND_SQUARE = 8;

function worst(states: readonly SlotStateName[]): SlotStateName {
  if (states.includes("missing")) return "missing";
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
export function drawStrip(sketch: Sketch, cells: readonly SlotStateName[], x: number, top: number, width: number) {
  const step = Math.min(STRIP_LINE * 1.25, width / cells.length);
  const size = step * 0.8;
  cells.forEach((state, index) => drawSquare(sketch, state, x + index * step, top + STRIP_LINE - size, size));
}

const LEGEND_ORDER: readonly SlotStateName[] = ["covered", "missing", "upcoming"];

const legend = StyleSheet.create({
  row: { flexDirection: "row", alignItems: "center", marginBottom: 10 },
  item: { flexDirection: "row", alignItems: "center" },
  label: { marginLeft: 3, marginRight: 12, fontSize: 8.5, color: styles.muted.color },
});

/** What the squares mean, above the table. */
export function slotLegend(): FlowBlock {
  return {
    kind: "block",
    height: TEXT.body.line + 10,
    keepWithNext: true,
    render: (key) => (
      <View key={key} style={legend.row}>
        {LEGEND_ORDER.map((state) => (
          <View key={state} style={legend.item}>
            <Svg width={LEGEND_SQUARE} height={LEGEND_SQUARE}>
              <Path d="M0.25 0.25h7.5v7.5h-7.5z" fill={SLOT_COLORS[state].fill} stroke={SLOT_COLORS[state].stroke} strokeWidth={0.5} />
              {state === "missing" ? <Path d="M0 8L8 0" stroke={SLOT_COLORS.missing.stroke} strokeWidth={0.75} /> : null}
            </Svg>
            <Text style={legend.label}>{SLOT_WORDS[state]}</Text>
          </View>
        ))}
        <Text style={legend.label}>{`More than ${MAX_CELLS} occurrences: one square a month, missing if any occurrence in it is.`}</Text>
      </View>
    ),
  };
}
