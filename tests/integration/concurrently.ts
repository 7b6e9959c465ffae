import pg from "pg";
import { providerOf } from "@/lib/db/database-url";

const waitingOnLocks = `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`;

async function untilWaiting(client: pg.Client, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(waitingOnLocks);
    if ((rows[0]?.waiting ?? 0) >= count) return;
    if (Date.now() > deadline)
      throw new Error(
        `concurrently: only ${rows[0]?.waiting ?? 0} of ${count} edits reached the database at once`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `edits` at once. On PostgreSQL they really overlap through the pool: the organisation
 * row, which every logged change locks before it commits, is held until each edit waits on a
 * lock (so each has read its record and reached its write), then let go. On SQLite the
 * serialised adapter runs the transactions one after another.
 */
export async function concurrently<T>(
  orgId: string,
  edits: (() => Promise<T>)[],
): Promise<PromiseSettledResult<T>[]> {
  const url = process.env.DATABASE_URL ?? "";
  if (providerOf(url) !== "postgresql") return Promise.allSettled(edits.map((edit) => edit()));
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "Organization" WHERE id = $1 FOR UPDATE`, [orgId]);
    const settled = Promise.allSettled(edits.map((edit) => edit()));
    try {
      await untilWaiting(holder, edits.length);
    } finally {
      await holder.query("COMMIT");
    }
    return await settled;
  } finally {
    await holder.end();
  }
}
