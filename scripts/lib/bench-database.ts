import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseProvider, providerOf } from "../../lib/db/database-url";
import { migrate } from "../../lib/db/migrator";
import type { Cell, Table } from "./bench-seed";

// A throwaway database for a benchmark: a SQLite file in the system's temporary folder, or a
// fresh database on the PostgreSQL server named by BENCH_DATABASE_URL. It is migrated, bulk
// loaded with raw SQL through the driver, queried through the driver for the "floor", and
// removed by drop() (which the caller runs in a finally block).

export type FloorResult = { controls: number; links: number };

export type BenchDatabase = {
  provider: DatabaseProvider;
  url: string;
  /** Inserts every table in one transaction. */
  load: (tables: readonly Table[]) => Promise<void>;
  /** One hand-written aggregate: per control, its evidence count and date range. */
  floor: (orgId: string) => Promise<FloorResult>;
  drop: () => Promise<void>;
};

const FLOOR_SQL = (param: string) => `
  SELECT ec."controlId", COUNT(*) AS links, MIN(e."effectiveDate") AS first, MAX(COALESCE(e."coverageEnd", e."effectiveDate")) AS last
  FROM "EvidenceControl" ec JOIN "Evidence" e ON e."id" = ec."evidenceId"
  WHERE ec."organizationId" = ${param}
  GROUP BY ec."controlId"`;

type FloorRow = { controlId: string; links: number | string; first: string; last: string };

function summarize(rows: readonly FloorRow[]): FloorResult {
  return { controls: rows.length, links: rows.reduce((sum, row) => sum + Number(row.links), 0) };
}

const quote = (name: string): string => `"${name}"`;
const columnList = (columns: readonly string[]): string => columns.map(quote).join(", ");

export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  const name = `assay_bench_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (!serverUrl) return createSqlite(path.join(os.tmpdir(), `${name}.db`));
  if (providerOf(serverUrl) !== "postgresql")
    throw new Error(
      "BENCH_DATABASE_URL must be a postgresql:// server URL; leave it unset for SQLite.",
    );
  return createPostgres(serverUrl, name);
}

async function createSqlite(file: string): Promise<BenchDatabase> {
  const url = `file:${file}`;
  const drop = async () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      await fs.promises.rm(`${file}${suffix}`, { force: true });
  };
  try {
    await migrate(url);
  } catch (error) {
    await drop();
    throw error;
  }
  const db = new Database(file);
  return {
    provider: "sqlite",
    url,
    load: async (tables) => {
      db.transaction(() => {
        for (const table of tables) {
          const insert = db.prepare(
            `INSERT INTO ${quote(table.name)} (${columnList(table.columns)}) VALUES (${table.columns.map(() => "?").join(", ")})`,
          );
          for (const row of table.rows()) insert.run(row);
        }
      })();
    },
    floor: async (orgId) => summarize(db.prepare(FLOOR_SQL("?")).all(orgId) as FloorRow[]),
    drop: async () => {
      if (db.open) db.close();
      await drop();
    },
  };
}

// PostgreSQL takes at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

async function insertBatches(client: pg.Client, table: Table): Promise<void> {
  const width = table.columns.length;
  const perStatement = Math.floor(MAX_PARAMETERS / width);
  const head = `INSERT INTO ${quote(table.name)} (${columnList(table.columns)}) VALUES `;
  let batch: Cell[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const tuples = batch.map(
      (_, row) =>
        `(${table.columns.map((__, column) => `$${row * width + column + 1}`).join(", ")})`,
    );
    await client.query(head + tuples.join(", "), batch.flat());
    batch = [];
  };
  for (const row of table.rows()) {
    batch.push(row);
    if (batch.length === perStatement) await flush();
  }
  await flush();
}

async function createPostgres(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  // FORCE (PostgreSQL 13+) also ends connections a failed run left open.
  const drop = () => admin(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${quote(name)}`);
  const client = new pg.Client({ connectionString: url });
  try {
    await migrate(url);
    await client.connect();
  } catch (error) {
    await drop();
    throw error;
  }
  let connected = true;
  return {
    provider: "postgresql",
    url,
    load: async (tables) => {
      await client.query("BEGIN");
      try {
        for (const table of tables) await insertBatches(client, table);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      // What autovacuum would do soon after a bulk load: give the planner statistics.
      await client.query("ANALYZE");
    },
    floor: async (orgId) =>
      summarize((await client.query<FloorRow>(FLOOR_SQL("$1"), [orgId])).rows),
    drop: async () => {
      if (connected) {
        connected = false;
        await client.end().catch(() => undefined);
      }
      await drop();
    },
  };
}
