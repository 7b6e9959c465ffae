import { describe, expect, it } from "vitest";
import { accessExpiresAt, accessNotice } from "@/lib/domain/auditor-access";
import { formatDateTimeIn, formatIsoDate } from "@/lib/domain/time-zone";

const grant = (
  engagementName: string,
  lastDay: string,
  timeZone = "UTC",
  revokedAt: Date | null = null,
) => ({
  engagementName,
  expiresAt: accessExpiresAt(lastDay, timeZone),
  revokedAt,
});

describe("accessNotice", () => {
  it("names the engagement and its last day, in the organisation's zone", () => {
    const notice = accessNotice(
      [grant("SOC 2 Type II 2026", "2027-03-31", "Europe/Warsaw")],
      "Europe/Warsaw",
      new Date("2027-01-10T12:00:00Z"),
    );
    expect(notice).toEqual({
      text: "Read-only auditor access to SOC 2 Type II 2026, until 31 Mar 2027 (Europe/Warsaw).",
      daysLeft: null,
    });
  });

  it("counts the days left once a week or less remains, today included", () => {
    const now = new Date("2027-03-25T12:00:00Z");
    expect(accessNotice([grant("Type II", "2027-04-01")], "UTC", now)?.daysLeft).toBeNull();
    const week = accessNotice([grant("Type II", "2027-03-31")], "UTC", now);
    expect(week).toEqual({
      text: "Read-only auditor access to Type II, until 31 Mar 2027 (UTC). 7 days left.",
      daysLeft: 7,
    });
    const last = accessNotice([grant("Type II", "2027-03-25")], "UTC", now);
    expect(last?.text).toBe(
      "Read-only auditor access to Type II, until 25 Mar 2027 (UTC). Today is the last day.",
    );
    expect(last?.daysLeft).toBe(1);
  });

  it("ends at the end of the last day where the organisation is, not at midnight UTC", () => {
    // Warsaw is on summer time (UTC+2) by 31 March 2027: its day ends at 22:00 UTC.
    const access = grant("Type II", "2027-03-31", "Europe/Warsaw");
    expect(
      accessNotice([access], "Europe/Warsaw", new Date("2027-03-31T21:59:00Z"))?.daysLeft,
    ).toBe(1);
    expect(accessNotice([access], "Europe/Warsaw", new Date("2027-03-31T22:00:00Z"))).toBeNull();
  });

  it("lists every running engagement, soonest end first, and counts down the soonest", () => {
    const notice = accessNotice(
      [
        grant("SOC 1 2026", "2027-06-30"),
        grant("SOC 2 2026", "2027-03-27"),
        grant("Old", "2027-01-01"),
      ],
      "UTC",
      new Date("2027-03-25T08:00:00Z"),
    );
    expect(notice?.text).toBe(
      "Read-only auditor access to SOC 2 2026, until 27 Mar 2027; SOC 1 2026, until 30 Jun 2027 (UTC). 3 days left for SOC 2 2026.",
    );
  });

  it("says nothing when no access is running (expired or revoked)", () => {
    const now = new Date("2027-03-25T08:00:00Z");
    expect(accessNotice([], "UTC", now)).toBeNull();
    expect(accessNotice([grant("Old", "2027-03-24")], "UTC", now)).toBeNull();
    expect(
      accessNotice(
        [grant("Gone", "2027-06-30", "UTC", new Date("2027-03-01T00:00:00Z"))],
        "UTC",
        now,
      ),
    ).toBeNull();
  });
});

describe("formatDateTimeIn", () => {
  it("shows the instant on the organisation's clock", () => {
    const instant = new Date("2026-12-02T23:30:00Z");
    expect(formatDateTimeIn(instant, "UTC")).toBe("2 Dec 2026, 23:30");
    expect(formatDateTimeIn(instant, "Europe/Warsaw")).toBe("3 Dec 2026, 00:30");
    expect(formatDateTimeIn(instant, "Mars/Olympus_Mons")).toBe("2 Dec 2026, 23:30");
  });

  it("writes a calendar date out without moving it", () => {
    expect(formatIsoDate("2027-01-01")).toBe("1 Jan 2027");
  });
});
