// How exports are run, from the environment:
//   EXPORT_RUNNER=process (default)  each app instance hands its exports to one export process of
//                                    its own, started when needed and stopped when idle;
//   EXPORT_RUNNER=inline             exports run inside the web process (tests; a platform that
//                                    cannot start processes).
//   EXPORT_HEAP_MB (default 192)     the export process's JavaScript heap limit.
//   EXPORT_IDLE_SECONDS (default 60) how long an idle export process stays up.
// The job processes below follow the same three settings.

import type { VerifyLimits } from "@/lib/export/verify-pack";
import { positiveNumberSetting, type Env } from "@/lib/settings";

export type ExportRunner = "process" | "inline";

export function exportRunner(env: Env = process.env): ExportRunner {
  const value = env.EXPORT_RUNNER?.trim() || "process";
  if (value !== "process" && value !== "inline")
    throw new Error(`EXPORT_RUNNER must be "process" or "inline", not "${value}".`);
  return value;
}

export function exportHeapMb(env: Env = process.env): number {
  return Math.floor(positiveNumberSetting("EXPORT_HEAP_MB", 192, env));
}

export function exportIdleMs(env: Env = process.env): number {
  return positiveNumberSetting("EXPORT_IDLE_SECONDS", 60, env) * 1000;
}

// Jobs a request waits for (paperwork PDFs, pack verification) run in job processes:
//   JOB_PROCESSES (default 2)          how many job processes an app instance may run at once;
//   JOB_QUEUE (default 4)              how many more jobs may wait for one (beyond: RATE_LIMITED);
//   PAPERWORK_PDF_SECONDS (default 30) a paperwork PDF's time budget;
//   VERIFY_SECONDS (default 300)       a pack verification's time budget.
// The pack verifier's bounds on the Verify a pack page (the command has none):
//   VERIFY_MAX_ENTRIES (default 100000), VERIFY_MAX_UNCOMPRESSED_MB (default 8192),
//   VERIFY_MAX_RATIO (default 100: uncompressed bytes per compressed byte, per entry and overall).

export function jobProcesses(env: Env = process.env): number {
  return Math.max(1, Math.floor(positiveNumberSetting("JOB_PROCESSES", 2, env)));
}

export function jobQueue(env: Env = process.env): number {
  return Math.floor(positiveNumberSetting("JOB_QUEUE", 4, env));
}

export function paperworkPdfBudgetMs(env: Env = process.env): number {
  return positiveNumberSetting("PAPERWORK_PDF_SECONDS", 30, env) * 1000;
}

export function verifyBudgetMs(env: Env = process.env): number {
  return positiveNumberSetting("VERIFY_SECONDS", 300, env) * 1000;
}

export function webVerifyLimits(
  env: Env = process.env,
): Omit<VerifyLimits, "maxWholeManifestBytes"> {
  return {
    maxEntries: Math.floor(positiveNumberSetting("VERIFY_MAX_ENTRIES", 100_000, env)),
    maxTotalBytes: positiveNumberSetting("VERIFY_MAX_UNCOMPRESSED_MB", 8192, env) * 1024 * 1024,
    maxRatio: positiveNumberSetting("VERIFY_MAX_RATIO", 100, env),
  };
}
