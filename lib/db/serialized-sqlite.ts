import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

type Adapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

// The better-sqlite3 adapter (Prisma 6.19) has one connection and queues only transactions, so
// a query outside a transaction runs inside whichever transaction another request has open:
// it reads that transaction's uncommitted rows, and its writes are undone by that
// transaction's rollback. This wrapper makes every query outside a transaction wait until the
// open transaction has ended.

function createQueue(): () => Promise<() => void> {
  let tail: Promise<unknown> = Promise.resolve();
  return () => {
    const previous = tail;
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    tail = previous.then(() => done);
    return previous.then(() => release);
  };
}

function serialize(adapter: Adapter): Adapter {
  const enqueue = createQueue();
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await enqueue();
    try {
      return await work();
    } finally {
      release();
    }
  };
  const startTransaction: Adapter["startTransaction"] = async (isolationLevel) => {
    const release = await enqueue();
    let transaction: Transaction;
    try {
      transaction = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    // Prisma sends COMMIT or ROLLBACK through executeRaw first, then calls commit()/rollback().
    const end = (finish: () => Promise<void>) => () => finish().finally(release);
    return {
      provider: transaction.provider,
      adapterName: transaction.adapterName,
      options: transaction.options,
      queryRaw: (query) => transaction.queryRaw(query),
      executeRaw: (query) => transaction.executeRaw(query),
      commit: end(() => transaction.commit()),
      rollback: end(() => transaction.rollback()),
    };
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    startTransaction,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/** The SQLite adapter factory with queries outside transactions queued behind open ones. */
export function serializeStatements(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
  };
}
