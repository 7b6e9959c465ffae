// Sampling guidance (readiness-rules.md, section 5): what the service auditor will likely test.
// Guidance only: it never changes readiness.
import { SAMPLING_BANDS, type SamplingBand } from "../catalog";
import type { ControlFrequency } from "../controls";

export type SamplingGuidance = {
  /** The `samplingByFrequency` band used; null when there is nothing to sample. */
  band: string | null;
  population: number;
  min: number;
  max: number;
  text: string;
};

/**
 * Frequencies that are not band keys of their own:
 * - `continuous` uses `automated` (a test of one plus configuration, the catalogue's note);
 * - `multiple_daily` uses `multiple_times_per_day`; its population is still its days;
 * - `semi_annual` has no band; it uses `quarterly` (2–4), which capped at a population of two
 *   means both halves are tested, the conservative reading.
 */
const BAND_OF: Record<Exclude<ControlFrequency, "event_driven">, string> = {
  continuous: "automated",
  multiple_daily: "multiple_times_per_day",
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  quarterly: "quarterly",
  semi_annual: "quarterly",
  annual: "annual",
};

/** Event-driven controls are sampled by the size of their population. */
function eventDrivenBand(population: number): string {
  if (population <= 1) return "event_driven_population_1";
  if (population <= 4) return "event_driven_population_2_4";
  if (population <= 12) return "event_driven_population_5_12";
  if (population <= 52) return "event_driven_population_13_52";
  if (population <= 250) return "event_driven_population_53_250";
  return "event_driven_population_over_250";
}

/**
 * The expected sample for a population (the slot count over the whole period, or the event
 * count), never larger than the population: "the auditor will likely test 2–5 of 12 occurrences".
 */
export function samplingGuidance(
  frequency: ControlFrequency,
  populationSize: number,
  bands: readonly SamplingBand[] = SAMPLING_BANDS,
): SamplingGuidance {
  const population = Math.max(0, Math.floor(populationSize));
  if (population === 0) {
    return {
      band: null,
      population,
      min: 0,
      max: 0,
      text: "nothing to sample yet: no occurrences in the period",
    };
  }
  const key = frequency === "event_driven" ? eventDrivenBand(population) : BAND_OF[frequency];
  const band = bands.find((candidate) => candidate.key === key);
  if (!band) throw new Error(`No sampling band "${key}" in the catalogue`);
  const min = Math.min(band.minSamples, population);
  const max = Math.min(band.maxSamples, population);
  const sample = min === max ? String(min) : `${min}–${max}`;
  const noun = population === 1 ? "occurrence" : "occurrences";
  return {
    band: key,
    population,
    min,
    max,
    text: `the auditor will likely test ${sample} of ${population} ${noun}`,
  };
}
