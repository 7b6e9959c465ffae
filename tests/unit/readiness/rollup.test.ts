import { describe, expect, it } from "vitest";
import type { SlotState } from "@/lib/domain/readiness/operating";
import { slotCells } from "@/lib/domain/readiness/rollup";

const day = (date: string, state: SlotState["state"]): SlotState => ({
  key: date,
  label: date,
  start: date,
  end: date,
  due: state === "missing",
  state,
  dueFrom: state === "open" ? date : null,
});

describe("slotCells", () => {
  it("keeps one cell per slot for non-daily controls", () => {
    const slots = [day("2026-01-31", "covered"), day("2026-02-28", "missing")];
    expect(slotCells(slots, "monthly").map((cell) => cell.state)).toEqual(["covered", "missing"]);
  });

  it("rolls days up by month: any missing day makes the month missing", () => {
    const slots = [
      day("2026-01-01", "covered"),
      day("2026-01-02", "missing"),
      day("2026-02-01", "covered"),
      day("2026-03-01", "upcoming"),
    ];
    const cells = slotCells(slots, "daily");
    expect(cells.map((cell) => [cell.key, cell.state])).toEqual([
      ["2026-01", "missing"],
      ["2026-02", "covered"],
      ["2026-03", "upcoming"],
    ]);
    expect(cells[0]?.detail).toBe("2026-01: 1 covered, 1 missing, 0 open, 0 upcoming");
  });

  it("shows a month with covered and upcoming days as covered", () => {
    expect(
      slotCells([day("2026-05-01", "covered"), day("2026-05-02", "upcoming")], "multiple_daily")[0]
        ?.state,
    ).toBe("covered");
  });

  it("shows a month with an open day and no missing one as open, and counts each state", () => {
    const cells = slotCells(
      [day("2026-03-09", "covered"), day("2026-03-10", "open"), day("2026-03-11", "upcoming")],
      "daily",
    );
    expect(cells.map((cell) => cell.state)).toEqual(["open"]);
    expect(cells[0]?.detail).toBe("2026-03: 1 covered, 0 missing, 1 open, 1 upcoming");
  });

  it("names the occurrence a cell adds evidence for: the oldest missing day, else the oldest open one", () => {
    const cells = slotCells(
      [
        day("2026-03-01", "covered"),
        day("2026-03-02", "open"),
        day("2026-03-03", "missing"),
        day("2026-04-01", "open"),
        day("2026-04-02", "open"),
        day("2026-05-01", "covered"),
      ],
      "daily",
    );
    expect(cells.map((cell) => [cell.key, cell.target, cell.dueFrom])).toEqual([
      ["2026-03", "2026-03-03", null],
      ["2026-04", "2026-04-01", "2026-04-01"],
      ["2026-05", null, null],
    ]);
  });

  it("gives each missing or open slot of other frequencies its own key, and open ones their due date", () => {
    const open = {
      ...day("2026-06-30", "open"),
      key: "2026-Q2",
      label: "2026-Q2",
      dueFrom: "2026-07-15",
    };
    const cells = slotCells(
      [{ ...day("2026-03-31", "missing"), key: "2026-Q1", label: "2026-Q1" }, open],
      "quarterly",
    );
    expect(cells.map((cell) => [cell.target, cell.dueFrom, cell.detail])).toEqual([
      ["2026-Q1", null, "2026-Q1: missing"],
      ["2026-Q2", "2026-07-15", "2026-Q2: open, due from 2026-07-15"],
    ]);
  });
});
