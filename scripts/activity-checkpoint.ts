import { pathToFileURL } from "node:url";
import { checkpointAllOrganizations } from "../lib/db/checkpoints";
import { plural } from "../lib/domain/plural";
import { keepCheckpointCopiesInBlobStore } from "../lib/storage/checkpoint-copies";

// npm run activity:checkpoint
// For cron (e.g. daily at 00:05 UTC): checkpoints every organisation's current activity head
// that has no daily checkpoint yet, signed with AUDIT_SIGNING_KEY(_FILE) when set, and writes
// the blob-store copy of any checkpoint whose copy is missing. The app also checkpoints on the
// first change of each UTC day and at every export; this covers quiet days and a store that was
// unreachable. Exits 0, or 1 on an error.

type Output = { log: (line: string) => void; error: (line: string) => void };

export async function main(args: string[], out: Output = console): Promise<number> {
  keepCheckpointCopiesInBlobStore();
  if (args.length > 0) {
    out.error("Usage: npm run activity:checkpoint");
    return 1;
  }
  try {
    const run = await checkpointAllOrganizations();
    out.log(
      `Checked ${plural(run.organizations, "organisation")}: ${plural(run.written, "checkpoint")} written, ${plural(run.copied, "blob-store copy", "blob-store copies")} written.`,
    );
    return 0;
  } catch (error) {
    out.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
