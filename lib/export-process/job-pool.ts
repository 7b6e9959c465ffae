import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import type { OrgContext } from "@/lib/db/context";
import { AppError } from "@/lib/errors";
import { Admission, instanceBusy } from "./admission";
import { JOB_RULES, timedOut, type Job, type JobInput, type JobKind, type JobOutput } from "./jobs";
import { entryFile } from "./entry";
import { isJobReply, type JobReply, type JobRequest } from "./messages";
import { performJob } from "./perform-job";
import { exportHeapMb, exportIdleMs, exportRunner, jobProcesses, jobQueue } from "./settings";

// Work a request waits for (a paperwork PDF, a pack check) runs in job processes, never on the
// web process's event loop: up to JOB_PROCESSES of them per app instance, each started from
// scripts/job-worker.ts when needed, doing one job at a time and stopped when idle. They are
// kept apart from the export process because a job that overruns its budget is stopped by
// killing its process, and because a request cannot wait behind a minutes-long export. See
// docs/decisions/0030-jobs-in-job-processes.md.

type Pending = {
  id: number;
  job: Job;
  budgetMs: number;
  resolve: (output: JobOutput[JobKind]) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
};

type Worker = {
  child: ChildProcess;
  ready: boolean;
  current?: Pending;
  idleTimer?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
};

/** A job process not loaded by then is taken for broken. */
const START_TIMEOUT_MS = 60_000;

class JobPool {
  private readonly workers = new Set<Worker>();
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  /** The job processes' built entry (entry.ts), known before the first one starts. */
  private script = "";

  /**
   * Does `job` in a job process. It waits behind other jobs no longer than its own budget (then
   * RATE_LIMITED); time spent while a process starts for it does not count.
   */
  run(job: Job): Promise<JobOutput[JobKind]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        id: this.nextId++,
        job,
        budgetMs: JOB_RULES[job.kind].budgetMs(),
        resolve,
        reject,
      });
      if (this.script) return this.dispatch();
      entryFile("job-worker").then(
        (script) => {
          this.script = script;
          this.dispatch();
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const pending of this.waiting.splice(0)) this.settle(pending, failure);
        },
      );
    });
  }

  /** Process ids of the job processes (tests). */
  get pids(): number[] {
    return [...this.workers].flatMap(({ child }) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Stops every job process (the jobs in hand and those waiting fail). */
  async stop(): Promise<void> {
    for (const pending of this.waiting.splice(0))
      this.settle(pending, new Error("The job processes were stopped."));
    const exits = [...this.workers].map(
      ({ child }) =>
        new Promise<void>((resolve) =>
          child.exitCode !== null || child.signalCode !== null
            ? resolve()
            : child.once("exit", () => resolve()),
        ),
    );
    for (const worker of [...this.workers])
      this.forget(worker, new Error("The job processes were stopped."));
    await Promise.all(exits);
  }

  private dispatch(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      const worker = [...this.workers].find((candidate) => candidate.ready && !candidate.current);
      if (!worker) break;
      this.waiting.shift();
      this.assign(worker, next);
    }
    const starting = [...this.workers].filter((worker) => !worker.ready).length;
    const wanted = Math.min(this.waiting.length - starting, jobProcesses() - this.workers.size);
    for (let i = 0; i < wanted; i++) this.start();
    if (starting + wanted > 0) return;
    // Every process is busy with other jobs: the wait starts counting.
    for (const pending of this.waiting)
      pending.timer ??= setTimeout(() => this.expire(pending), pending.budgetMs);
  }

  private expire(pending: Pending): void {
    const at = this.waiting.indexOf(pending);
    if (at === -1) return;
    this.waiting.splice(at, 1);
    pending.reject(instanceBusy());
  }

  private assign(worker: Worker, pending: Pending): void {
    clearTimeout(pending.timer);
    clearTimeout(worker.idleTimer);
    worker.current = pending;
    pending.timer = setTimeout(
      () => this.forget(worker, timedOut(pending.job.kind, pending.budgetMs)),
      pending.budgetMs,
    );
    const request: JobRequest = { type: "job", id: pending.id, ...pending.job };
    worker.child.send(request, undefined, {}, (error) => {
      if (error)
        this.forget(worker, new Error(`The job process could not be reached: ${error.message}`));
    });
  }

  private start(): void {
    const child = fork(this.script, [], {
      cwd: /* turbopackIgnore: true */ process.cwd(),
      env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "1" },
      // As the export process (see runner.ts), with the same heap limit.
      execArgv: [`--max-old-space-size=${exportHeapMb()}`],
      // Structured clone: a PDF's bytes cross as bytes, not as JSON.
      serialization: "advanced",
    });
    const worker: Worker = { child, ready: false };
    worker.startTimer = setTimeout(() => child.kill("SIGKILL"), START_TIMEOUT_MS);
    this.workers.add(worker);
    child.on("message", (message: unknown) => {
      if (isJobReply(message)) this.received(worker, message);
    });
    child.once("exit", (code, signal) => {
      if (!this.workers.has(worker)) return;
      const started = worker.ready;
      this.forget(worker, new Error(`The job process ended (${signal ?? `exit code ${code}`}).`));
      // One that died while starting would die again: fail what waits rather than loop.
      if (!started)
        for (const pending of this.waiting.splice(0))
          this.settle(pending, new Error("The job process could not start."));
    });
    child.once("error", (error) => this.forget(worker, error));
  }

  private received(worker: Worker, reply: JobReply): void {
    if (reply.type === "ready") {
      clearTimeout(worker.startTimer);
      worker.ready = true;
      this.idleSoon(worker);
      return this.dispatch();
    }
    const pending = worker.current;
    if (!pending || pending.id !== reply.id) return;
    worker.current = undefined;
    if (reply.type === "done") {
      clearTimeout(pending.timer);
      pending.resolve(reply.output);
    } else {
      // An INTERNAL failure is logged by the job process; the web side reports it with a reference.
      this.settle(
        pending,
        reply.code === "INTERNAL"
          ? new Error(reply.message)
          : new AppError(reply.code, reply.message),
      );
    }
    this.idleSoon(worker);
    this.dispatch();
  }

  private settle(pending: Pending, error: Error): void {
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  private idleSoon(worker: Worker): void {
    clearTimeout(worker.idleTimer);
    worker.idleTimer = setTimeout(() => {
      if (worker.current || !this.workers.has(worker)) return;
      this.workers.delete(worker);
      if (worker.child.connected) worker.child.disconnect();
    }, exportIdleMs());
    worker.idleTimer.unref();
  }

  /** The process is killed and forgotten; its job, if any, fails with `error`. */
  private forget(worker: Worker, error: Error): void {
    if (!this.workers.delete(worker)) return;
    clearTimeout(worker.idleTimer);
    clearTimeout(worker.startTimer);
    worker.child.kill("SIGKILL");
    if (worker.current) this.settle(worker.current, error);
    worker.current = undefined;
    this.dispatch();
  }
}

/** In this process (EXPORT_RUNNER=inline): the budget abandons the job and stops what can stop. */
async function runInline(job: Job): Promise<JobOutput[JobKind]> {
  const budgetMs = JOB_RULES[job.kind].budgetMs();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut(job.kind, budgetMs));
    }, budgetMs);
  });
  try {
    return await Promise.race([performJob(job, controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

// One pool and one admission per web process, kept across Next's module reloads in development.
const shared = globalThis as typeof globalThis & {
  assayJobPool?: JobPool;
  assayJobAdmission?: Admission;
};

export function jobPool(): JobPool {
  shared.assayJobPool ??= new JobPool();
  return shared.assayJobPool;
}

function admission(): Admission {
  shared.assayJobAdmission ??= new Admission(() => jobProcesses() + jobQueue());
  return shared.assayJobAdmission;
}

/**
 * Admits a job of `kind` for the member (or throws RATE_LIMITED before `work` runs) and hands
 * `work` the function that runs it; the admission is held until `work` ends, so a caller may
 * receive the job's input (an upload) under it.
 */
export async function withJob<K extends JobKind, T>(
  ctx: Pick<OrgContext, "userId">,
  kind: K,
  work: (run: (input: JobInput[K]) => Promise<JobOutput[K]>) => Promise<T>,
): Promise<T> {
  const release = admission().admit(ctx.userId, kind);
  try {
    return await work(async (input) => {
      // The kind and its input come in together; TypeScript cannot pair them through K.
      const job = { kind, input } as Job;
      const output = exportRunner() === "inline" ? await runInline(job) : await jobPool().run(job);
      return output as JobOutput[K];
    });
  } finally {
    release();
  }
}
