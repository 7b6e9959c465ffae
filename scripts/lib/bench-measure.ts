import { performance } from "node:perf_hooks";

// Timing and memory figures for the benchmarks: medians of several runs after warm-ups, and the
// resident set size, both the process's peak (the kernel's high-water mark, which never goes
// down) and a sampled maximum while one piece of work runs.

export type Measurement = {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  sampledRssMb: number;
};

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

/** The process's peak resident set size so far, in MB. */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
export const fixed = (value: number, digits = 1): string => value.toFixed(digits);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The largest RSS seen while `work` runs, sampled on a timer: it misses peaks inside long
 * synchronous stretches, so it is a lower bound on the phase's own peak.
 */
async function sampledRss<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number }> {
  let max = process.memoryUsage.rss();
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  try {
    const result = await work();
    max = Math.max(max, process.memoryUsage.rss());
    return { result, rssMb: max / MB };
  } finally {
    clearInterval(timer);
  }
}

export async function measure(
  label: string,
  work: () => unknown,
  { warmups, runs }: { warmups: number; runs: number },
): Promise<Measurement> {
  const times: number[] = [];
  let sampledRssMb = 0;
  for (let run = 0; run < warmups + runs; run += 1) {
    const { result: elapsed, rssMb } = await sampledRss(async () => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    });
    sampledRssMb = Math.max(sampledRssMb, rssMb);
    if (run >= warmups) times.push(elapsed);
  }
  const measurement = {
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    runs,
    sampledRssMb,
  };
  console.log(
    `${label.padEnd(16)} median ${fixed(measurement.medianMs).padStart(8)} ms   min ${fixed(measurement.minMs)}   max ${fixed(measurement.maxMs)}   rss≤${fixed(sampledRssMb, 0)} MB   (${runs} runs after ${warmups} warm-up)`,
  );
  return measurement;
}
