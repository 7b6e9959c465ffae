import type { ControlFrequency } from "../controls";
import type { SlotState, SlotStateName } from "./operating";

// The strip of cells shown per control: one cell per slot, except daily controls, whose days
// are rolled up by month so a year stays readable (12 cells, not 365).

export type SlotCell = {
  key: string;
  label: string;
  state: SlotStateName;
  detail: string;
  /** The occurrence to add evidence for from this cell: a missing one first, else an open one. */
  target: string | null;
  /** An open cell's due date (a month of days: its earliest open day's). */
  dueFrom: string | null;
};

/** A month shows its most urgent day: missing, then open, then covered, then upcoming. */
function worst(states: readonly SlotStateName[]): SlotStateName {
  if (states.includes("missing")) return "missing";
  if (states.includes("open")) return "open";
  if (states.includes("covered")) return "covered";
  return "upcoming";
}

export function slotCells(slots: readonly SlotState[], frequency: ControlFrequency): SlotCell[] {
  if (frequency !== "daily" && frequency !== "multiple_daily")
    return slots.map((slot) => ({
      key: slot.key,
      label: slot.label,
      state: slot.state,
      detail:
        slot.state === "open" && slot.dueFrom
          ? `${slot.label}: open, due from ${slot.dueFrom}`
          : `${slot.label}: ${slot.state}`,
      target: slot.state === "missing" || slot.state === "open" ? slot.key : null,
      dueFrom: slot.dueFrom,
    }));
  const months = new Map<string, SlotState[]>();
  for (const slot of slots) {
    const month = slot.start.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(slot);
    months.set(month, list);
  }
  return [...months.entries()].map(([month, days]) => {
    const missing = days.filter((day) => day.state === "missing").length;
    const covered = days.filter((day) => day.state === "covered").length;
    const open = days.filter((day) => day.state === "open").length;
    const upcoming = days.length - covered - missing - open;
    const state = worst(days.map((day) => day.state));
    const firstOpen = days.find((day) => day.state === "open");
    return {
      key: month,
      label: month,
      state,
      detail: `${month}: ${covered} covered, ${missing} missing, ${open} open, ${upcoming} upcoming`,
      target: (days.find((day) => day.state === "missing") ?? firstOpen)?.key ?? null,
      dueFrom: state === "open" ? (firstOpen?.dueFrom ?? null) : null,
    };
  });
}
