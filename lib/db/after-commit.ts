import "server-only";

// Work that must wait until a transaction has committed and must not run inside it: writing to
// the blob store while rows are locked would hold the locks as long as the store takes (until
// the transaction times out, for a store that hangs), and a write for a transaction that then
// rolls back would record something that never happened. Prisma has no commit hook, so the
// client's interactive $transaction is wrapped: tasks registered on its `tx` run once it has
// committed, before the caller's `await $transaction(…)` returns, and are dropped on rollback.

type Task = () => Promise<void>;
type Transactional = { $transaction: (...args: never[]) => unknown };

const pending = new WeakMap<object, Task[]>();

/**
 * Runs `task` after the transaction `tx` commits (never when it rolls back). The transaction's
 * caller waits for it, with every lock released; a task that fails is logged, not thrown, as
 * the transaction has committed. `tx` is typed as any object so that this file needs nothing of
 * client.ts (which wraps its client with withAfterCommit): a tx from elsewhere throws at once.
 */
export function afterCommit(tx: object, task: Task): void {
  const tasks = pending.get(tx);
  if (!tasks)
    throw new Error("afterCommit() needs the tx of an interactive $transaction of getDb().");
  tasks.push(task);
}

async function runAll(tasks: readonly Task[]): Promise<void> {
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      console.error("[after commit] a task failed", error);
    }
  }
}

/** The client with after-commit tasks on its interactive transactions; everything else as it was. */
export function withAfterCommit<C extends Transactional>(client: C): C {
  const original = client.$transaction.bind(client) as (
    first: unknown,
    options?: unknown,
  ) => Promise<unknown>;
  const $transaction = async (first: unknown, options?: unknown): Promise<unknown> => {
    // A batch (an array of queries) has no callback and so no tasks.
    if (typeof first !== "function") return original(first, options);
    const work = first as (tx: object) => Promise<unknown>;
    const tasks: Task[] = [];
    const result = await original((tx: object) => {
      pending.set(tx, tasks);
      return work(tx);
    }, options);
    await runAll(tasks);
    return result;
  };
  return new Proxy(client, {
    get: (target, property) =>
      property === "$transaction" ? $transaction : Reflect.get(target, property, target),
  });
}
