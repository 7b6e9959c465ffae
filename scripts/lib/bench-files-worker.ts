import { getBlobStore } from "../../lib/storage";
import { forkForMessage, runChild, sendToParent } from "./bench-child";
import { storeBenchFiles, type BenchFile } from "./bench-files";
import { benchOrganization, type BenchShape } from "./bench-seed";

// The evidence files of the benchmark organisation, stored by a child process: the uploads'
// buffers and streams (they roughly doubled the heap) then never count towards the benchmark's
// peak RSS. The store is the one the environment names.

const MESSAGE = "bench-files";

/** Stores the files of the organisation of `shape` in a child process; resolves to what it stored. */
export function storeBenchFilesApart(shape: BenchShape): Promise<BenchFile[]> {
  return forkForMessage<BenchFile[]>(__filename, [JSON.stringify(shape)], MESSAGE);
}

if (require.main === module) {
  runChild(async () => {
    const shape = JSON.parse(process.argv[2] ?? "") as BenchShape;
    await sendToParent(MESSAGE, await storeBenchFiles(benchOrganization(shape), getBlobStore()));
  });
}
