import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The fuzz files run in separate workers; each adds its counts to a file named for the test run,
// and the run's global teardown prints the sum once, for the closing line of a CI log.

type Tally = { label: string; requests: number; fiveHundreds: number };

const tallyFile = (runId: string): string => path.join(tmpdir(), `assay-fuzz-${runId}.jsonl`);

export function addToTally(runId: string, tally: Tally): void {
  appendFileSync(tallyFile(runId), `${JSON.stringify(tally)}\n`);
}

/** Prints "fuzz suite: N 5xx over M requests" when any fuzz file ran in this run, and removes the file. */
export function printTally(runId: string): void {
  let text: string;
  try {
    text = readFileSync(tallyFile(runId), "utf8");
  } catch {
    return;
  }
  rmSync(tallyFile(runId), { force: true });
  const tallies = text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Tally);
  const sum = (key: "requests" | "fiveHundreds") =>
    tallies.reduce((total, tally) => total + tally[key], 0);
  console.log(
    `[fuzz] the fuzz suite: ${sum("fiveHundreds")} 5xx/INTERNAL over ${sum("requests")} requests (${tallies.map((tally) => `${tally.label} ${tally.requests}`).join(", ")})`,
  );
}
