import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseProvider, providerOf, sqliteFilePath } from "./database-url";

// Applies the committed SQL migrations under prisma/migrations/<provider>/<name>/migration.sql.
// Each migration runs in its own transaction together with the row that records it; a
// migration whose file changed after it was applied stops everything.

export const MIGRATIONS_TABLE = "_assay_migrations";
export const MIGRATIONS_ROOT = path.resolve("prisma/migrations");

export type MigrationFile = { name: string; sql: string; checksum: string };
export type AppliedMigration = { name: string; checksum: string };

export class MigrationError extends Error {}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function readMigrations(
  provider: DatabaseProvider,
  root = MIGRATIONS_ROOT,
): MigrationFile[] {
  const dir = path.join(root, provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

/** The migrations still to apply, in order; throws when an applied one changed or vanished. */
export function pendingMigrations(
  files: readonly MigrationFile[],
  applied: readonly AppliedMigration[],
): MigrationFile[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const done of applied) {
    const file = byName.get(done.name);
    if (!file)
      throw new MigrationError(`Migration ${done.name} was applied but its file is missing.`);
    if (file.checksum !== done.checksum) {
      throw new MigrationError(
        `Migration ${done.name} changed after it was applied. Restore the original file and add a new migration instead.`,
      );
    }
  }
  const appliedNames = new Set(applied.map((done) => done.name));
  return files.filter((file) => !appliedNames.has(file.name));
}

export type MigrateResult = { applied: string[] };

export async function migrate(url: string, root = MIGRATIONS_ROOT): Promise<MigrateResult> {
  const provider = providerOf(url);
  const files = readMigrations(provider, root);
  return provider === "sqlite"
    ? migrateSqlite(sqliteFilePath(url), files)
    : migratePostgres(url, files);
}

function migrateSqlite(file: string, files: MigrationFile[]): MigrateResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const readApplied = () =>
      db
        .prepare(`SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`)
        .all() as AppliedMigration[];
    const applied: string[] = [];
    for (const migration of pendingMigrations(files, readApplied())) {
      db.exec("BEGIN IMMEDIATE");
      try {
        // Another process may have applied it while we waited for the write lock.
        if (pendingMigrations(files, readApplied()).some((m) => m.name === migration.name)) {
          db.exec(migration.sql);
          db.prepare(
            `INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`,
          ).run(migration.name, migration.checksum, new Date().toISOString());
          applied.push(migration.name);
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw wrap(migration.name, error);
      }
    }
    return { applied };
  } finally {
    db.close();
  }
}

// Any 64-bit number unique to this purpose: several app instances starting at once queue here.
const ADVISORY_LOCK_KEY = 7_311_2026;

async function migratePostgres(url: string, files: MigrationFile[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<AppliedMigration>(
      `SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`,
    );
    const applied: string[] = [];
    for (const migration of pendingMigrations(files, rows)) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at) VALUES ($1, $2, now())`,
          [migration.name, migration.checksum],
        );
        await client.query("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw wrap(migration.name, error);
      }
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

function wrap(name: string, error: unknown): MigrationError {
  const reason = error instanceof Error ? error.message : String(error);
  return new MigrationError(`Migration ${name} failed and was rolled back: ${reason}`);
}
