// How a benchmark script runs: its work, then its clean-up exactly once, whether the work ends,
// fails or is interrupted (Ctrl-C); the summary line last; exit 0, 1 on failure, 130 when
// interrupted.

/** Runs `work` (which returns the summary line) and `cleanUp`, then exits the process. */
export function runBenchmark(work: () => Promise<string>, cleanUp: () => Promise<void>): void {
  let cleaning: Promise<void> | undefined;
  // One clean-up, whoever asks first; every caller waits for it to finish before the process exits.
  const cleanUpOnce = () => (cleaning ??= cleanUp());
  // `on`, not `once`: tsx relays the terminal's SIGINT to this process again, and a second signal
  // with no listener would end the process half-way through the clean-up.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void cleanUpOnce().finally(() => process.exit(130));
    });
  }
  (async () => {
    let summary: string;
    try {
      summary = await work();
    } finally {
      await cleanUpOnce();
    }
    console.log(summary);
  })()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
