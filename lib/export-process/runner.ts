import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import type { OrgContext } from "@/lib/db/context";
import { failUnfinishedRuns } from "@/lib/db/exports";
import { entryFile } from "./entry";
import { isExportFinished, type ExportFinished, type ExportRequest } from "./messages";
import { exportHeapMb, exportIdleMs, exportRunner } from "./settings";
import { plural } from "@/lib/domain/plural";

// Exports run outside the web process: a pack renders a PDF and a workbook and reads thousands
// of files, seconds of CPU that would stall every page this process serves, and hundreds of MB
// of short-lived garbage that a web process's heap would keep. Each app instance starts one
// export process (scripts/export-worker.ts, built into JavaScript: see entry.ts) when the
// first export is asked for, with a heap limit of its own; it takes the instance's exports one
// at a time and is stopped after a minute without work. Its progress and results go through
// the ExportRun rows, so any instance can show them. If it dies, its runs are marked failed.

type Waiter = { resolve: (finished: ExportFinished) => void; reject: (error: Error) => void };

class ExportProcess {
  private child: ChildProcess | undefined;
  private readonly waiters = new Map<string, Waiter>();
  private idleTimer: NodeJS.Timeout | undefined;
  /** The export process's built entry (entry.ts), once known. */
  private script: string | undefined;

  /** Hands the run to the export process; resolves when it has ended (done or failed: see the row). */
  run(request: Omit<ExportRequest, "type">): Promise<ExportFinished> {
    if (this.script) return this.runIn(this.script, request);
    return entryFile("export-worker").then((script) => {
      this.script = script;
      return this.runIn(script, request);
    });
  }

  private runIn(script: string, request: Omit<ExportRequest, "type">): Promise<ExportFinished> {
    const child = this.child ?? this.start(script);
    clearTimeout(this.idleTimer);
    return new Promise((resolve, reject) => {
      this.waiters.set(request.runId, { resolve, reject });
      child.send({ type: "export", ...request } satisfies ExportRequest, undefined, {}, (error) => {
        if (error)
          this.lost(child, `the export process could not be reached: ${error.message}`, true);
      });
    });
  }

  /** Asks the export process to leave once its current export is done (runs still waiting fail). */
  stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    if (child.connected) child.disconnect();
    return exited;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(script: string): ChildProcess {
    const child = fork(script, [], {
      cwd: /* turbopackIgnore: true */ process.cwd(),
      // One malloc arena: zlib's and the file system's work on the thread pool otherwise leaves
      // each thread an arena of its own, and the process some 30–50 MB larger (measured).
      env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "1" },
      // Built JavaScript (entry.ts), with the process's own heap limit and a young generation
      // of 8 MB semi-spaces instead of V8's 16: bench:export's peak 304 → 280 MB, its time the
      // same (4 MB: 277 MB, 14% slower).
      execArgv: [`--max-old-space-size=${exportHeapMb()}`, "--max-semi-space-size=8"],
      serialization: "json",
    });
    this.child = child;
    child.on("message", (message: unknown) => {
      if (!isExportFinished(message)) return;
      this.waiters.get(message.runId)?.resolve(message);
      this.waiters.delete(message.runId);
      if (this.waiters.size === 0) this.idleSoon(child);
    });
    // Exit code 0: it was stopped and settled its runs itself (see worker.ts).
    child.once("exit", (code, signal) =>
      this.lost(child, `the export process ended (${signal ?? `exit code ${code}`})`, code !== 0),
    );
    child.once("error", (error) => this.lost(child, error.message, true));
    return child;
  }

  private idleSoon(child: ChildProcess): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.child === child && this.waiters.size === 0 && child.connected) child.disconnect();
    }, exportIdleMs());
    this.idleTimer.unref();
  }

  /** The process is gone: whatever it had not finished will not finish. */
  private lost(child: ChildProcess, reason: string, crashed: boolean): void {
    if (this.child !== child) return;
    this.child = undefined;
    clearTimeout(this.idleTimer);
    const unfinished = [...this.waiters];
    this.waiters.clear();
    if (unfinished.length === 0) return;
    const rejectAll = () => {
      for (const [, waiter] of unfinished) waiter.reject(new Error(reason));
    };
    if (!crashed) return rejectAll();
    console.error(`[exports] ${reason}; ${plural(unfinished.length, "export")} did not finish.`);
    const message =
      "The export stopped unexpectedly (the export process ended). Try again; if it keeps failing, ask an administrator to check the server log.";
    void failUnfinishedRuns(
      unfinished.map(([runId]) => runId),
      message,
    )
      .catch(() => undefined)
      .finally(rejectAll);
  }
}

// One per web process, kept across Next's module reloads in development.
const shared = globalThis as typeof globalThis & { assayExportProcess?: ExportProcess };

export function exportProcess(): ExportProcess {
  shared.assayExportProcess ??= new ExportProcess();
  return shared.assayExportProcess;
}

/**
 * Starts producing a run created by startExport (which checked the caller), without waiting:
 * in the export process, or in this one with EXPORT_RUNNER=inline.
 */
export function dispatchExport(ctx: OrgContext, runId: string): void {
  if (exportRunner() === "inline") {
    // Loaded only here: a web process that hands its exports on never loads the renderers.
    import("@/lib/exports/run-export")
      .then(({ runExport }) => runExport(ctx, runId))
      .catch((error: unknown) => console.error(`[export ${runId}]`, error));
    return;
  }
  exportProcess()
    .run({ runId, userId: ctx.userId, orgSlug: ctx.orgSlug })
    .catch(() => undefined);
}
