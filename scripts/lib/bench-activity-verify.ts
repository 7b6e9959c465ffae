import { performance } from "node:perf_hooks";
import { auditActivityLogAsOperator } from "../../lib/db/activity-audit";
import { getDb } from "../../lib/db/client";
import { keepCheckpointCopiesInBlobStore } from "../../lib/storage/checkpoint-copies";
import { peakRssMb } from "./bench-measure";
import { forkForMessage, runChild, sendToParent } from "./bench-child";

// The activity benchmark's verification, in a process of its own so that its peak RSS is its
// own: what `npm run activity:verify -- <slug>` does (the whole chain, every recorded head).

const MESSAGE = "activity-verify";
export type Verified = { ms: number; peakRssMb: number; checked: number; ok: boolean };

/** Verifies `slug`'s log in a child process (DATABASE_URL from this environment). */
export function verifyApart(slug: string): Promise<Verified> {
  return forkForMessage<Verified>(__filename, [slug], MESSAGE);
}

if (require.main === module) {
  runChild(async () => {
    keepCheckpointCopiesInBlobStore();
    const slug = process.argv[2] ?? "";
    const start = performance.now();
    const audit = await auditActivityLogAsOperator(slug, [], {});
    const ms = performance.now() - start;
    await getDb().$disconnect();
    await sendToParent<Verified>(MESSAGE, {
      ms,
      peakRssMb: peakRssMb(),
      checked: audit.chain.checked,
      ok: audit.chain.ok,
    });
  });
}
