import { describe, expect, it } from "vitest";
import {
  canTakeOver,
  localTime,
  MAX_ATTEMPTS,
  nextLocalTime,
  retryDelayMs,
} from "@/lib/domain/job-schedule";

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

describe("localTime", () => {
  it("reads the wall clock in the zone, with the ISO weekday", () => {
    expect(localTime("Pacific/Auckland", at("2026-06-14T12:01:00Z"))).toEqual({
      date: "2026-06-15",
      hour: 0,
      minute: 1,
      weekday: 1,
    });
    expect(localTime("America/Los_Angeles", at("2026-01-01T07:59:00Z"))).toMatchObject({
      date: "2025-12-31",
      hour: 23,
    });
  });

  it("reads an unknown zone as UTC", () => {
    expect(localTime("Mars/Olympus", at("2026-06-14T12:01:00Z")).date).toBe("2026-06-14");
  });
});

describe("nextLocalTime", () => {
  it("finds the next local midnight and 07:00", () => {
    expect(nextLocalTime("Europe/Paris", at("2026-06-01T10:00:00Z"), 0)).toEqual(
      at("2026-06-01T22:00:00Z"),
    );
    expect(nextLocalTime("Europe/Paris", at("2026-06-01T10:00:00Z"), 7)).toEqual(
      at("2026-06-02T05:00:00Z"),
    );
    expect(nextLocalTime("UTC", at("2026-06-01T00:00:00Z"), 0)).toEqual(at("2026-06-02T00:00:00Z"));
  });

  it("follows daylight-saving changes", () => {
    // Paris moves to summer time at 02:00 on 29 March 2026: the next 07:00 is 05:00 UTC.
    expect(nextLocalTime("Europe/Paris", at("2026-03-28T12:00:00Z"), 7)).toEqual(
      at("2026-03-29T05:00:00Z"),
    );
    expect(nextLocalTime("Europe/Paris", at("2026-10-24T12:00:00Z"), 7)).toEqual(
      at("2026-10-25T06:00:00Z"),
    );
  });

  it("can wait for a Monday", () => {
    // Wednesday 3 June 2026 → Monday 8 June, 07:00 in Paris.
    expect(nextLocalTime("Europe/Paris", at("2026-06-03T10:00:00Z"), 7, true)).toEqual(
      at("2026-06-08T05:00:00Z"),
    );
  });
});

describe("retries", () => {
  it("waits 5, 30 and 120 minutes, then gives up", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5 * MINUTE, 30 * MINUTE, 120 * MINUTE, null]);
    expect(MAX_ATTEMPTS).toBe(4);
  });

  const failed = (attempts: number, finishedAt: string) => ({
    status: "failed",
    attempts,
    leaseUntil: at(finishedAt),
    finishedAt: at(finishedAt),
  });

  it("takes over a failed run once its backoff has passed", () => {
    const run = failed(1, "2026-06-01T10:00:00Z");
    expect(canTakeOver(run, at("2026-06-01T10:04:59Z"))).toBe(false);
    expect(canTakeOver(run, at("2026-06-01T10:05:00Z"))).toBe(true);
    expect(
      canTakeOver(failed(MAX_ATTEMPTS, "2026-06-01T10:00:00Z"), at("2027-01-01T00:00:00Z")),
    ).toBe(false);
  });

  it("takes over a running run only after its lease, never a succeeded one", () => {
    const running = {
      status: "running",
      attempts: 1,
      leaseUntil: at("2026-06-01T10:15:00Z"),
      finishedAt: null,
    };
    expect(canTakeOver(running, at("2026-06-01T10:15:00Z"))).toBe(false);
    expect(canTakeOver(running, at("2026-06-01T10:15:01Z"))).toBe(true);
    expect(canTakeOver({ ...running, status: "succeeded" }, at("2027-01-01T00:00:00Z"))).toBe(
      false,
    );
  });
});
