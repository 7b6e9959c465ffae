import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";

// A benchmark's work in a child process (same flags, same environment) that sends one message
// back: what it allocates counts towards its own peak RSS only, and the parent stays responsive
// to an interrupt (tsx kills a process that does not acknowledge one within ~60 ms) so that it
// can always clean up.

type ChildMessage<T> = { type: string; payload: T };

const running = new Set<ChildProcess>();

/** Ends the children still running (the benchmark is being interrupted) and waits until they have. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = once(child, "exit");
      child.kill();
      return exited;
    }),
  );
}

/**
 * Runs `modulePath` with `args` (with this process's flags, or `execArgv`: none for built
 * JavaScript); resolves to the payload of its message of `type` once it exits cleanly.
 */
export function forkForMessage<T>(
  modulePath: string,
  args: readonly string[],
  type: string,
  execArgv: readonly string[] = process.execArgv,
): Promise<T> {
  const child = fork(modulePath, [...args], { execArgv: [...execArgv], env: process.env });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return new Promise((resolve, reject) => {
    let received: { payload: T } | undefined;
    // The child may send other messages (tsx reports the files it loads): only ours count.
    child.on("message", (message: unknown) => {
      if (typeof message === "object" && message !== null && Reflect.get(message, "type") === type)
        received = { payload: Reflect.get(message, "payload") as T };
    });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      received && code === 0
        ? resolve(received.payload)
        : reject(new Error(`${modulePath} failed (exit ${code ?? signal}).`)),
    );
  });
}

/** In the child: sends the message and waits until it has left. */
export function sendToParent<T>(type: string, payload: T): Promise<void> {
  const message: ChildMessage<T> = { type, payload };
  return new Promise((resolve, reject) => {
    if (!process.send)
      throw new Error("This script runs as a benchmark's child process (forkForMessage).");
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * In the child: runs `main`, then exits 0, or 1 after printing its error. Temporary files made
 * from here on go to BENCH_TMPDIR when the parent set it (a folder it removes, also when it is
 * interrupted); set only now, so that tsx has kept using its compile cache in the usual place.
 */
export function runChild(main: () => Promise<void>): void {
  if (process.env.BENCH_TMPDIR) process.env.TMPDIR = process.env.BENCH_TMPDIR;
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
