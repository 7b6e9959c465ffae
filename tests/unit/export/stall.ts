import type { Writable } from "node:stream";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits for a writer to stop because its output takes nothing: first the output's own signal
 * (write() returned false, so the writer was told to wait), then `progress()` unchanged while
 * the event loop turns `quiet` times in a row (reads, archive and compression callbacks all need
 * turns). Returns the progress it stopped at; throws when the signal never comes or the writer
 * keeps going, so a writer without back-pressure fails instead of passing after a sleep.
 */
export async function untilStalled(
  output: Writable,
  progress: () => number,
  { quiet = 2_000, maxTurns = 1_000_000 } = {},
): Promise<number> {
  let last = progress();
  let still = 0;
  for (let turns = 0; turns < maxTurns; turns += 1) {
    await turn();
    const now = progress();
    still = now === last && output.writableNeedDrain ? still + 1 : 0;
    last = now;
    if (still >= quiet) return now;
  }
  throw new Error(
    output.writableNeedDrain
      ? `the writer kept going (${last} so far) while the output took nothing`
      : "the output never asked the writer to wait",
  );
}
