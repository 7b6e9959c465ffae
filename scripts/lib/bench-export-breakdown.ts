import { builtScript } from "./bench-built";
import { forkForMessage } from "./bench-child";
import type { Breakdown } from "./bench-export-breakdown-child";
import type { BenchShape } from "./bench-seed";

// Where the export's time goes: each of its phases on its own (the pack ones written to a null
// sink), timed in a child process against the benchmark's database and files, so that their
// allocations do not count towards the peak RSS the benchmark reports for the export. The child
// renders the summary PDF, so it runs built JavaScript (bench-built.ts).

export type { Breakdown } from "./bench-export-breakdown-child";

const MESSAGE = "bench-breakdown";

/** Times the phases in a child process (DATABASE_URL and the file store from this environment). */
export async function breakdownApart(shape: BenchShape, now: Date): Promise<Breakdown> {
  const script = await builtScript("scripts/lib/bench-export-breakdown-child.ts");
  return forkForMessage<Breakdown>(script, [JSON.stringify(shape), now.toISOString()], MESSAGE, []);
}
