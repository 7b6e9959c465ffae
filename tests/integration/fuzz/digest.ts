import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, providerOf, sqliteFilePath } from "@/lib/db/database-url";

// A cheap fingerprint of everything an endpoint could write: one hash per table (all rows), the
// activity log included, and the files in the evidence store. Compared before and after each
// refused call, it names the tables a refusal changed. Left out: rate-limit buckets (counting
// refused attempts is what they are for), the criteria catalogue (written by migrations only) and
// the migrations table (leading underscore).
// It reads through a connection of its own, not Prisma: one round trip of its per call is the
// fuzz suite's largest fixed cost.

const NOT_STATE = new Set(["RateLimitBucket", "Criterion"]);
/** Columns written on reads by design: a session notes when it was last seen, every few minutes. */
const NOT_STATE_COLUMNS: Record<string, readonly string[]> = { AuthSession: ["lastSeenAt"] };

export type Digest = Map<string, string>;

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (name: string): string => `'${name.replaceAll("'", "''")}'`;
const hash = (text: string): string => createHash("sha256").update(text).digest("hex");
const isState = (table: string): boolean => !NOT_STATE.has(table) && !table.startsWith("_");
const isStateColumn = (table: string, column: string): boolean =>
  !(NOT_STATE_COLUMNS[table] ?? []).includes(column);

/** The columns of each table that hold state, from (table, column) rows. */
function stateColumns(rows: { t: string; c: string }[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const { t, c } of rows)
    if (isState(t) && isStateColumn(t, c)) byTable.set(t, [...(byTable.get(t) ?? []), c]);
  return byTable;
}

type Reader = { read: () => Promise<Digest>; close: () => Promise<void> };

/** `read`, or the last digest read when the database's change counter has not moved since. */
function unchangedWhile(counter: () => Promise<string>) {
  let last: { count: string; digest: Digest } | undefined;
  return async (read: () => Promise<Digest>): Promise<Digest> => {
    const count = await counter();
    if (last?.count !== count) last = { count, digest: await read() };
    return new Map(last.digest);
  };
}

async function postgresReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ t: string; c: string }>(
    "SELECT c.table_name::text AS t, c.column_name::text AS c FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.ordinal_position",
  );
  // A sum of row hashes: no sorting, and any changed, added or removed row changes it.
  const query = [...stateColumns(rows)]
    .map(
      ([name, cols]) =>
        `SELECT ${literal(name)} AS name, count(*)::text || ':' || coalesce(sum(hashtextextended(row(${cols.map(quote).join(", ")})::text, 0)), 0)::text AS content FROM ${quote(name)}`,
    )
    .join(" UNION ALL ");
  // Nothing was written while no transaction id was handed out (read-only transactions take
  // none): then the tables are as they were. The counter is the server's, so another database's
  // writes only cost a recount.
  const unchanged = unchangedWhile(
    async () =>
      (
        await client.query<{ x: string }>(
          "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x",
        )
      ).rows[0]?.x ?? "",
  );
  return {
    read: () =>
      unchanged(
        async () =>
          new Map(
            (await client.query<{ name: string; content: string }>(query)).rows.map((row) => [
              row.name,
              row.content,
            ]),
          ),
      ),
    close: () => client.end(),
  };
}

function sqliteReader(url: string): Reader {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  const columns = db
    .prepare(
      "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )
    .all() as { t: string; c: string }[];
  const statement = db.prepare(
    [...stateColumns(columns)]
      .map(
        ([name, cols]) =>
          `SELECT ${literal(name)} AS name, coalesce(group_concat(${cols.map((col) => `quote(${quote(col)})`).join(" || ',' || ")}, char(10)), '') AS content FROM ${quote(name)}`,
      )
      .join(" UNION ALL "),
  );
  // SQLite's data_version moves whenever another connection commits a change.
  const unchanged = unchangedWhile(async () => String(db.pragma("data_version", { simple: true })));
  return {
    read: () =>
      unchanged(
        async () =>
          new Map(
            (statement.all() as { name: string; content: string }[]).map((row) => [
              row.name,
              hash(row.content),
            ]),
          ),
      ),
    close: async () => void db.close(),
  };
}

/** The files' names: evidence files are named by their SHA-256, temporary ones by a fresh id. */
async function filesDigest(root: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return hash(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort()
      .join("\n"),
  );
}

export type Fingerprint = { take: () => Promise<Digest>; close: () => Promise<void> };

/** Fingerprints of the test file's database (DATABASE_URL) and of the evidence files under `storageDir`. */
export async function fingerprints(storageDir: string): Promise<Fingerprint> {
  const url = databaseUrl();
  const reader = providerOf(url) === "postgresql" ? await postgresReader(url) : sqliteReader(url);
  return {
    take: async () => {
      const result = await reader.read();
      result.set("(evidence files)", await filesDigest(storageDir));
      return result;
    },
    close: reader.close,
  };
}

/** The tables whose contents differ. */
export function changedTables(before: Digest, after: Digest): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((name) => before.get(name) !== after.get(name))
    .sort();
}
