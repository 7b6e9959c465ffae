import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInMonth,
  isLeapYear,
  isoWeek,
  isoWeekKey,
  isoWeekday,
} from "@/lib/domain/readiness/calendar";

describe("calendar helpers", () => {
  it("knows leap years, including the century rules", () => {
    expect([2024, 2028, 2000].map(isLeapYear)).toEqual([true, true, true]);
    expect([2026, 2027, 1900, 2100].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it("gives the length of each month, with 29 days in February of a leap year", () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("adds days across month ends and the leap day", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-05-15", -365)).toBe("2025-05-15");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("numbers weekdays Monday 1 to Sunday 7", () => {
    expect(isoWeekday("2026-03-02")).toBe(1);
    expect(isoWeekday("2026-01-01")).toBe(4);
    expect(isoWeekday("2026-03-08")).toBe(7);
    expect(isoWeekday("1969-12-29")).toBe(1);
  });

  it("puts a week in the year of its Thursday (week 53 and week-year crossings)", () => {
    const keyOf = (date: string) => isoWeekKey(isoWeek(date));
    expect(keyOf("2026-03-02")).toBe("2026-W10");
    expect(keyOf("2026-12-28")).toBe("2026-W53");
    expect(keyOf("2027-01-03")).toBe("2026-W53");
    expect(keyOf("2027-01-04")).toBe("2027-W01");
    expect(keyOf("2024-12-30")).toBe("2025-W01");
    expect(keyOf("2021-01-03")).toBe("2020-W53");
    expect(keyOf("2026-01-01")).toBe("2026-W01");
    expect(isoWeek("2027-01-01")).toEqual({
      weekYear: 2026,
      week: 53,
      monday: "2026-12-28",
      sunday: "2027-01-03",
    });
  });
});
