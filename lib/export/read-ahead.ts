// Work on the next few items started before the current one is needed: reading the evidence
// pack's small files while earlier entries are compressed and written hides the storage's
// latency (a round trip per file) behind the work already in hand.

export type ReadAhead<T, R> = { item: T; started: Promise<R> | undefined };

/**
 * The items of `pages` in order, each with what `start` began for it (undefined when `start`
 * had nothing to begin), begun while at most `ahead` items wait before it. A failure of a begun
 * promise surfaces where the consumer awaits it, in order, never as an unhandled rejection.
 */
export async function* readAhead<T, R>(
  pages: AsyncIterable<readonly T[]>,
  start: (item: T) => Promise<R> | undefined,
  ahead: number,
): AsyncGenerator<ReadAhead<T, R>> {
  const items = flatten(pages)[Symbol.asyncIterator]();
  const waiting: ReadAhead<T, R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && waiting.length <= ahead) {
        const next = await items.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const started = start(next.value);
        started?.catch(() => undefined);
        waiting.push({ item: next.value, started });
      }
      const head = waiting.shift();
      if (!head) return;
      yield head;
    }
  } finally {
    await items.return?.(undefined);
  }
}

async function* flatten<T>(pages: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}
