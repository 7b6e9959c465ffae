// How exports are run, from the environment:
//   EXPORT_RUNNER=process (default)  each app instance hands its exports to one export process of
//                                    its own, started when needed and stopped when idle;
//   EXPORT_RUNNER=inline             exports run inside the web process (tests; a platform that
//                                    cannot start processes).
//   EXPORT_HEAP_MB (default 192)     the export process's JavaScript heap limit.
//   EXPORT_IDLE_SECONDS (default 60) how long an idle export process stays up.

import { positiveNumberSetting, type Env } from "@/lib/settings";

export type ExportRunner = "process" | "inline";

export function exportRunner(env: Env = process.env): ExportRunner {
  const value = env.EXPORT_RUNNER?.trim() || "process";
  if (value !== "process" && value !== "inline") throw new Error(`EXPORT_RUNNER must be "process" or "inline", not "${value}".`);
  return value;
}

export function exportHeapMb(env: Env = process.env): number {
  return Math.floor(positiveNumberSetting("EXPORT_HEAP_MB", 192, env));
}

export function exportIdleMs(env: Env = process.env): number {
  return positiveNumberSetting("EXPORT_IDLE_SECONDS", 60, env) * 1000;
}
