// Inside a job process: say when loaded, then do the jobs the web process sends, one at a time,
// answering each with its output or its error. A job that overruns its budget is not stopped
// here: the web process kills this process (nothing else is lost, it holds only that job).
import { AppError } from "@/lib/errors";
import { keepCheckpointCopiesInBlobStore } from "@/lib/storage/checkpoint-copies";
import { isJobRequest, type JobReply, type JobRequest } from "./messages";
import { performJob } from "./perform-job";

export function runJobs(): void {
  if (!process.send) throw new Error("A job process is started by the web process, not by hand.");
  keepCheckpointCopiesInBlobStore();
  const send = (reply: JobReply) => process.send?.(reply);

  async function perform(request: JobRequest): Promise<JobReply> {
    try {
      return {
        type: "done",
        id: request.id,
        output: await performJob(request, new AbortController().signal),
      };
    } catch (error) {
      if (error instanceof AppError)
        return { type: "failed", id: request.id, code: error.code, message: error.message };
      console.error(`[job ${request.kind}]`, error);
      return {
        type: "failed",
        id: request.id,
        code: "INTERNAL",
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  let queue = Promise.resolve();
  process.on("message", (message: unknown) => {
    if (!isJobRequest(message)) return;
    queue = queue.then(async () => {
      send(await perform(message));
    });
  });
  // The web process stopped us (idle) or ended.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready" });
}
