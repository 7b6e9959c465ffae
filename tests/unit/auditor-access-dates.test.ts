import { describe, expect, it } from "vitest";
import { accessExpiresAt, accessLastDay, accessState } from "@/lib/domain/auditor-access";

describe("an auditor's last day, in the organisation's time zone", () => {
  it("ends access at the end of the last day where the organisation is", () => {
    const end = accessExpiresAt("2027-03-31", "Europe/Warsaw");
    expect(end.toISOString()).toBe("2027-03-31T22:00:00.000Z");
    const grant = { expiresAt: end, revokedAt: null };
    expect(accessState(grant, new Date("2027-03-31T21:59:59Z"))).toBe("active");
    expect(accessState(grant, new Date("2027-03-31T22:00:00Z"))).toBe("expired");
  });

  it("does not end an Auckland auditor's day at midnight UTC", () => {
    const end = accessExpiresAt("2027-03-31", "Pacific/Auckland");
    // 23:30 on the 31st in Auckland is still the last day.
    expect(accessState({ expiresAt: end, revokedAt: null }, new Date("2027-03-31T10:30:00Z"))).toBe(
      "active",
    );
    expect(accessLastDay(end, "Pacific/Auckland")).toBe("2027-03-31");
  });

  it("shows the day access was given until, for grants made before time zones counted", () => {
    const utcMidnight = new Date("2027-04-01T00:00:00Z");
    for (const zone of ["UTC", "Europe/Warsaw", "America/Los_Angeles", "Asia/Tokyo"])
      expect(accessLastDay(utcMidnight, zone)).toBe("2027-03-31");
  });

  it("round-trips a last day in every zone", () => {
    for (const zone of ["UTC", "Europe/Warsaw", "America/Los_Angeles", "Pacific/Auckland"])
      for (const day of ["2026-12-31", "2027-03-28", "2027-10-31"])
        expect(accessLastDay(accessExpiresAt(day, zone), zone)).toBe(day);
  });
});
