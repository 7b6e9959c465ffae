// One small cell per slot of a Type II period, drawn as a single SVG so that even a daily
// control (365 cells) stays one cheap node for the layout engine. Shape tells the states apart
// as well as colour: filled = covered, crossed = missing, hollow = not yet due.
import { Line, Rect, Svg, Text, View, StyleSheet } from "@react-pdf/renderer";
import type { ExportSlot } from "@/lib/domain/export/types";
import type { SlotStateName } from "@/lib/domain/readiness/operating";
import { SLOT_WORDS } from "./format";
import { SLOT_COLORS, styles } from "./styles";

const legend = StyleSheet.create({
  row: { flexDirection: "row", alignItems: "center", marginBottom: 10 },
  label: { marginLeft: 3, marginRight: 12, fontSize: 8.5, color: styles.muted.color },
});

/** Cell size shrinks with the slot count so a year of days still fits a few lines. */
function cellSize(count: number): { size: number; gap: number } {
  if (count <= 26) return { size: 7, gap: 1.5 };
  if (count <= 60) return { size: 5, gap: 1 };
  return { size: 3.5, gap: 0.8 };
}

function SlotCell({ state, x, y, size }: { state: SlotStateName; x: number; y: number; size: number }) {
  const { fill, stroke } = SLOT_COLORS[state];
  return (
    <>
      <Rect x={x + 0.25} y={y + 0.25} width={size - 0.5} height={size - 0.5} fill={fill} stroke={stroke} strokeWidth={0.5} />
      {state === "missing" ? <Line x1={x} y1={y + size} x2={x + size} y2={y} stroke={stroke} strokeWidth={0.75} /> : null}
    </>
  );
}

const STRIP_MARGIN = 3;

/** Cells wrap onto as many lines as the width needs. */
function stripLayout(count: number, width: number) {
  const { size, gap } = cellSize(count);
  const step = size + gap;
  const perRow = Math.max(1, Math.floor((width + gap) / step));
  const rows = Math.ceil(count / perRow);
  return { size, step, perRow, width: Math.min(count, perRow) * step - gap, height: rows * step - gap };
}

/** The strip's height with its margins, for row height estimates. */
export function stripHeight(count: number, width: number): number {
  return count === 0 ? 0 : stripLayout(count, width).height + 2 * STRIP_MARGIN;
}

export function SlotStrip({ slots, width }: { slots: readonly ExportSlot[]; width: number }) {
  if (slots.length === 0) return null;
  const { size, step, perRow, ...box } = stripLayout(slots.length, width);
  return (
    <Svg width={box.width} height={box.height} style={{ marginVertical: STRIP_MARGIN }}>
      {slots.map((slot, index) => (
        <SlotCell key={index} state={slot.state} x={(index % perRow) * step} y={Math.floor(index / perRow) * step} size={size} />
      ))}
    </Svg>
  );
}

const LEGEND_ORDER: readonly SlotStateName[] = ["covered", "missing", "upcoming"];

export function SlotLegend() {
  return (
    <View style={legend.row}>
      {LEGEND_ORDER.map((state) => (
        <View key={state} style={{ flexDirection: "row", alignItems: "center" }}>
          <Svg width={8} height={8}>
            <SlotCell state={state} x={0} y={0} size={8} />
          </Svg>
          <Text style={legend.label}>{SLOT_WORDS[state]}</Text>
        </View>
      ))}
    </View>
  );
}
