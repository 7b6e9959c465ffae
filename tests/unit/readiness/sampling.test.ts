import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES } from "@/lib/domain/controls";
import { samplingGuidance } from "@/lib/domain/readiness/sampling";

const range = (guidance: { min: number; max: number }) => [guidance.min, guidance.max];

describe("samplingGuidance", () => {
  it("writes the guidance the way the contract shows it", () => {
    expect(samplingGuidance("monthly", 12)).toEqual({
      band: "monthly",
      population: 12,
      min: 2,
      max: 5,
      text: "the auditor will likely test 2–5 of 12 occurrences",
    });
    expect(samplingGuidance("quarterly", 2).text).toBe(
      "the auditor will likely test 2 of 2 occurrences",
    );
    expect(samplingGuidance("annual", 1).text).toBe(
      "the auditor will likely test 1 of 1 occurrence",
    );
  });

  it("uses the catalogue band of each frequency", () => {
    expect(range(samplingGuidance("quarterly", 4))).toEqual([2, 4]);
    expect(range(samplingGuidance("weekly", 53))).toEqual([5, 15]);
    expect(range(samplingGuidance("daily", 365))).toEqual([20, 40]);
    expect(samplingGuidance("multiple_daily", 181)).toMatchObject({
      band: "multiple_times_per_day",
      min: 25,
      max: 60,
    });
    expect(samplingGuidance("continuous", 1)).toMatchObject({ band: "automated", min: 1, max: 1 });
    expect(samplingGuidance("semi_annual", 2)).toMatchObject({ band: "quarterly", min: 2, max: 2 });
  });

  it("never asks for more than the population", () => {
    expect(range(samplingGuidance("monthly", 3))).toEqual([2, 3]);
    expect(range(samplingGuidance("weekly", 4))).toEqual([4, 4]);
    expect(samplingGuidance("daily", 10).text).toBe(
      "the auditor will likely test 10 of 10 occurrences",
    );
    expect(range(samplingGuidance("quarterly", 1))).toEqual([1, 1]);
    for (const frequency of CONTROL_FREQUENCIES) {
      for (const population of [1, 2, 3, 7, 30, 300])
        expect(samplingGuidance(frequency, population).max).toBeLessThanOrEqual(population);
    }
  });

  it("samples event-driven controls by the band of their population size", () => {
    const bandOf = (population: number) => samplingGuidance("event_driven", population);
    expect(bandOf(1)).toMatchObject({ band: "event_driven_population_1", min: 1, max: 1 });
    expect(bandOf(4)).toMatchObject({ band: "event_driven_population_2_4", min: 2, max: 4 });
    expect(bandOf(5)).toMatchObject({ band: "event_driven_population_5_12", min: 2, max: 5 });
    expect(bandOf(12)).toMatchObject({ band: "event_driven_population_5_12" });
    expect(bandOf(13)).toMatchObject({ band: "event_driven_population_13_52", min: 5, max: 13 });
    expect(bandOf(52)).toMatchObject({ band: "event_driven_population_13_52", min: 5, max: 15 });
    expect(bandOf(53)).toMatchObject({ band: "event_driven_population_53_250", min: 20, max: 40 });
    expect(bandOf(250)).toMatchObject({ band: "event_driven_population_53_250" });
    expect(bandOf(251)).toMatchObject({
      band: "event_driven_population_over_250",
      min: 25,
      max: 60,
    });
  });

  it("has nothing to sample in an empty population", () => {
    expect(samplingGuidance("event_driven", 0)).toEqual({
      band: null,
      population: 0,
      min: 0,
      max: 0,
      text: "nothing to sample yet: no occurrences in the period",
    });
  });

  it("fails loudly when the catalogue lacks a band", () => {
    expect(() => samplingGuidance("monthly", 12, [])).toThrow('No sampling band "monthly"');
  });
});
