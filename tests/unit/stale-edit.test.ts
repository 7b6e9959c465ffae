import { describe, expect, it } from "vitest";
import { formatUtcMinute, staleBulkMessage, staleEditMessage } from "@/lib/domain/stale-edit";

describe("formatUtcMinute", () => {
  it.each([
    ["2026-12-02T14:05:59.999Z", "2 Dec 2026, 14:05 UTC"],
    ["2026-09-30T00:00:00.000Z", "30 Sep 2026, 00:00 UTC"],
    ["2027-01-01T23:59:00.000Z", "1 Jan 2027, 23:59 UTC"],
  ])("writes %s as %s, in UTC whatever the machine's zone", (iso, expected) => {
    expect(formatUtcMinute(new Date(iso))).toBe(expected);
  });
});

describe("staleEditMessage", () => {
  it("names who changed the record and when", () => {
    expect(
      staleEditMessage({ actorName: "Alice Adams", at: new Date("2026-12-02T14:05:00Z") }),
    ).toBe("Changed by Alice Adams at 2 Dec 2026, 14:05 UTC since you opened it.");
  });

  it("says someone else when the log does not know who", () => {
    expect(staleEditMessage({ actorName: null, at: new Date("2026-12-02T14:05:00Z") })).toBe(
      "Changed by someone else at 2 Dec 2026, 14:05 UTC since you opened it.",
    );
    expect(staleEditMessage(null)).toBe("Changed by someone else since you opened it.");
  });
});

describe("staleBulkMessage", () => {
  it("names each stale record with who and when, in the order given", () => {
    const at = new Date("2026-12-02T14:05:00Z");
    expect(
      staleBulkMessage([
        { label: "AC-01", change: { actorName: "Alice Adams", at } },
        { label: "AC-07", change: null },
      ]),
    ).toBe(
      "Nothing was changed. Changed since you opened the list: AC-01 by Alice Adams at 2 Dec 2026, 14:05 UTC; AC-07 by someone else.",
    );
  });
});
