import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The API test files run in separate workers; each adds how many responses it checked against
// the OpenAPI document (api-contract.ts) to a file named for the run, and the run's global
// teardown prints the sum once.

type Tally = { file: string; validated: number };

const tallyFile = (runId: string): string =>
  path.join(tmpdir(), `assay-api-contract-${runId}.jsonl`);

export function addToContractTally(runId: string, tally: Tally): void {
  appendFileSync(tallyFile(runId), `${JSON.stringify(tally)}\n`);
}

/** Prints "API contract: N responses validated" when any API test ran in this run. */
export function printContractTally(runId: string): void {
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
  const total = tallies.reduce((sum, tally) => sum + tally.validated, 0);
  console.info(
    `[api-contract] ${total} /api/v1 responses validated against the OpenAPI document (${tallies.map((tally) => `${tally.file} ${tally.validated}`).join(", ")})`,
  );
}
