import { describe, expect, it } from "vitest";
import { isValidTimeZone, startOfDayIn, todayIn, wallClockIn } from "@/lib/domain/time-zone";

describe("todayIn", () => {
  it("is the UTC date in UTC", () => {
    expect(todayIn("UTC", new Date("2026-12-01T23:59:59Z"))).toBe("2026-12-01");
    expect(todayIn("UTC", new Date("2026-12-02T00:00:00Z"))).toBe("2026-12-02");
  });

  it("moves to the next day east of UTC before UTC does, and stays behind west of it", () => {
    const lateUtc = new Date("2026-12-01T23:30:00Z");
    expect(todayIn("Europe/Paris", lateUtc)).toBe("2026-12-02");
    expect(todayIn("Pacific/Kiritimati", new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-02");
    const earlyUtc = new Date("2026-12-02T03:00:00Z");
    expect(todayIn("America/New_York", earlyUtc)).toBe("2026-12-01");
    expect(todayIn("America/Los_Angeles", earlyUtc)).toBe("2026-12-01");
  });

  it("changes day at the organisation's midnight, summer time included", () => {
    // Paris is UTC+2 in July: its midnight is 22:00 UTC.
    expect(todayIn("Europe/Paris", new Date("2026-07-14T21:59:59Z"))).toBe("2026-07-14");
    expect(todayIn("Europe/Paris", new Date("2026-07-14T22:00:00Z"))).toBe("2026-07-15");
    // and UTC+1 in January: 23:00 UTC.
    expect(todayIn("Europe/Paris", new Date("2026-01-14T22:59:59Z"))).toBe("2026-01-14");
    expect(todayIn("Europe/Paris", new Date("2026-01-14T23:00:00Z"))).toBe("2026-01-15");
  });

  it("crosses New Year and a leap day", () => {
    expect(todayIn("Asia/Tokyo", new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
    expect(todayIn("Asia/Kolkata", new Date("2028-02-28T18:30:00Z"))).toBe("2028-02-29");
  });

  it("reads an unknown zone as UTC rather than failing", () => {
    expect(todayIn("Mars/Olympus_Mons", new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
    expect(todayIn("", new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names", () => {
    for (const name of ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5"])
      expect(isValidTimeZone(name)).toBe(true);
  });

  it("refuses unknown names, offsets, blanks and very long strings", () => {
    for (const name of ["", " ", "Mars/Olympus_Mons", "+02:00", "Europe/Paris ", "a".repeat(65)])
      expect(isValidTimeZone(name)).toBe(false);
  });
});

describe("wallClockIn", () => {
  it("reads the date, hour and minute in the zone, midnight as hour 0", () => {
    expect(wallClockIn("Europe/Warsaw", new Date("2026-12-01T23:05:00Z"))).toEqual({
      date: "2026-12-02",
      hour: 0,
      minute: 5,
    });
    expect(wallClockIn("America/New_York", new Date("2026-07-01T03:59:00Z"))).toEqual({
      date: "2026-06-30",
      hour: 23,
      minute: 59,
    });
  });

  it("reads an unknown zone as UTC, like todayIn", () => {
    expect(wallClockIn("Mars/Olympus_Mons", new Date("2026-12-01T23:30:00Z"))).toEqual({
      date: "2026-12-01",
      hour: 23,
      minute: 30,
    });
  });
});

describe("startOfDayIn", () => {
  it("is local midnight, east and west of UTC and in summer time", () => {
    expect(startOfDayIn("2027-04-01", "UTC").toISOString()).toBe("2027-04-01T00:00:00.000Z");
    expect(startOfDayIn("2027-04-01", "Europe/Warsaw").toISOString()).toBe(
      "2027-03-31T22:00:00.000Z",
    );
    expect(startOfDayIn("2027-01-15", "Europe/Warsaw").toISOString()).toBe(
      "2027-01-14T23:00:00.000Z",
    );
    expect(startOfDayIn("2027-04-01", "America/Los_Angeles").toISOString()).toBe(
      "2027-04-01T07:00:00.000Z",
    );
    expect(startOfDayIn("2027-04-01", "Pacific/Kiritimati").toISOString()).toBe(
      "2027-03-31T10:00:00.000Z",
    );
  });

  it("is the first minute shown on a day that starts with a daylight-saving jump", () => {
    // Santiago moves its clocks from 00:00 to 01:00 on the first Sunday of September.
    const start = startOfDayIn("2026-09-06", "America/Santiago");
    expect(todayIn("America/Santiago", start)).toBe("2026-09-06");
    expect(todayIn("America/Santiago", new Date(start.getTime() - 60_000))).toBe("2026-09-05");
  });
});
