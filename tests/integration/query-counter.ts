import type { Db } from "@/lib/db/client";

type DbModule = typeof import("@/lib/db/client");

/**
 * For `vi.mock("@/lib/db/client", …)`: the real module with `getDb()` wrapped so every Prisma
 * operation adds one to `counter.count`. Lets a test check a "fixed number of queries" promise.
 */
export function countingDbModule(actual: DbModule, counter: { count: number }): DbModule {
  const counting = new WeakMap<Db, Db>();
  const getDb = (): Db => {
    const db = actual.getDb();
    let wrapped = counting.get(db);
    if (!wrapped) {
      const extended = db.$extends({
        query: {
          $allOperations({ args, query }) {
            counter.count += 1;
            return query(args);
          },
        },
      });
      wrapped = extended as unknown as Db;
      counting.set(db, wrapped);
    }
    return wrapped;
  };
  return { ...actual, getDb };
}
