// A job's work, in a job process (or in the web process with EXPORT_RUNNER=inline).
import { renderMarkdownPdf } from "@/lib/export/markdown-pdf";
import { verifyPack } from "@/lib/export/verify-pack";
import type { Job, JobKind, JobOutput } from "./jobs";

/** Does the work, in whichever process this is; `signal` stops what can stop between steps. */
export async function performJob(job: Job, signal: AbortSignal): Promise<JobOutput[JobKind]> {
  switch (job.kind) {
    case "paperwork-pdf": {
      const { markdown, title, footer } = job.input;
      return new Uint8Array(await renderMarkdownPdf(markdown, { title, footer }));
    }
    case "verify-pack":
      return verifyPack(job.input.zipPath, job.input.limits, signal);
  }
}
