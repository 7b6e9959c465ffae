import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { MIGRATIONS_TABLE, migrate } from "../../lib/db/migrator";
import { migrateDiffCommand, prismaCliEnv, schemaVariant } from "./schema-variants";

// The drift check behind `npm run db:check`. prisma/schema.prisma must equal the datamodel the
// last migration recorded (prisma/migrations/last-schema.prisma), and each provider's migrations,
// applied in order to an empty database, must give the same tables, columns, indexes and keys as
// the schema's own CREATE script (`prisma migrate diff --from-empty`) applied to another.

export type DriftOptions = {
  schemaPath: string;
  migrationsRoot: string;
  providers: readonly DatabaseProvider[];
  /** A PostgreSQL server to make the two scratch databases on (any database of it). */
  postgresUrl?: string;
};

/** What is wrong, one sentence each; empty when the schema and the migrations agree. */
export async function schemaDrift(options: DriftOptions): Promise<string[]> {
  const problems: string[] = [];
  const schema = fs.readFileSync(options.schemaPath, "utf8");
  const snapshotPath = path.join(options.migrationsRoot, "last-schema.prisma");
  const snapshot = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;
  if (snapshot !== schema)
    problems.push(
      "prisma/schema.prisma differs from prisma/migrations/last-schema.prisma: write a migration with `npm run migration:new -- name`.",
    );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "assay-db-check-"));
  try {
    for (const provider of options.providers) {
      const script = createScript(schema, provider, work);
      const fromMigrations = await describeBuilt(provider, options, work, "migrations", (url) =>
        migrate(url, options.migrationsRoot).then(() => undefined),
      );
      const fromSchema = await describeBuilt(provider, options, work, "schema", (url) =>
        runScript(provider, url, script),
      );
      for (const difference of differences(fromMigrations, fromSchema))
        problems.push(`The ${provider} migrations do not produce the schema: ${difference}.`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return problems;
}

function createScript(schema: string, provider: DatabaseProvider, work: string): string {
  const file = path.join(work, `schema.${provider}.prisma`);
  fs.writeFileSync(file, schemaVariant(schema, provider));
  const [command, args] = migrateDiffCommand([
    "--from-empty",
    "--to-schema-datamodel",
    file,
    "--script",
  ]);
  const output = execFileSync(command, args, { env: prismaCliEnv(provider), encoding: "utf8" });
  // The CLI prints a "Loaded Prisma config" banner on stdout before the script.
  return output.slice(Math.max(0, output.indexOf("-- ")));
}

type Described = Map<string, string>;
type Positioned = { cid?: number; seq?: number };

async function describeBuilt(
  provider: DatabaseProvider,
  options: DriftOptions,
  work: string,
  label: string,
  build: (url: string) => Promise<void>,
): Promise<Described> {
  if (provider === "sqlite") {
    const file = path.join(work, `${label}.db`);
    await build(`file:${file}`);
    return describeSqlite(file);
  }
  const server = options.postgresUrl ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `assay_db_check_${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      await build(url.toString());
      return await describePostgres(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

async function runScript(provider: DatabaseProvider, url: string, script: string): Promise<void> {
  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length));
    try {
      db.exec(script);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}

function describeSqlite(file: string): Described {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name",
      )
      .all(MIGRATIONS_TABLE) as { name: string }[];
    const described: Described = new Map();
    for (const { name } of tables) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      // Positions (cid, seq) are left out: a column added later sits last, and that is fine.
      const columns = db.pragma(`table_info(${quoted})`) as ({ name: string } & Positioned)[];
      for (const { cid: _cid, ...column } of columns)
        described.set(`table ${name}, column ${column.name}`, JSON.stringify(column));
      const indexes = db.pragma(`index_list(${quoted})`) as ({ name: string } & Positioned)[];
      for (const { seq: _seq, ...index } of indexes) {
        const columns = db.pragma(`index_info("${index.name.replace(/"/g, '""')}")`) as {
          name: string;
        }[];
        const names = columns.map((column) => column.name);
        described.set(`table ${name}, index ${index.name}`, JSON.stringify({ ...index, names }));
      }
      const keys = db.pragma(`foreign_key_list(${quoted})`) as { table: string; from: string }[];
      for (const key of keys)
        described.set(
          `table ${name}, foreign key ${key.from} -> ${key.table}`,
          JSON.stringify({ ...key, id: 0, seq: 0 }),
        );
    }
    return described;
  } finally {
    db.close();
  }
}

async function describePostgres(url: string): Promise<Described> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const described: Described = new Map();
    const columns = await client.query<Record<string, string | null>>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1`,
      [MIGRATIONS_TABLE],
    );
    for (const column of columns.rows)
      described.set(
        `table ${column.table_name}, column ${column.column_name}`,
        JSON.stringify(column),
      );
    const indexes = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1",
      [MIGRATIONS_TABLE],
    );
    for (const index of indexes.rows)
      described.set(`table ${index.tablename}, index ${index.indexname}`, index.indexdef);
    const constraints = await client.query<{ table: string; name: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> $1`,
      [MIGRATIONS_TABLE],
    );
    for (const constraint of constraints.rows)
      described.set(
        `table ${constraint.table}, constraint ${constraint.name}`,
        constraint.definition,
      );
    return described;
  } finally {
    await client.end();
  }
}

function differences(actual: Described, expected: Described): string[] {
  const found: string[] = [];
  for (const [key, value] of expected) {
    const got = actual.get(key);
    if (got === undefined) found.push(`${key} is missing`);
    else if (got !== value) found.push(`${key} is ${got}, the schema says ${value}`);
  }
  for (const key of actual.keys())
    if (!expected.has(key)) found.push(`${key} is not in the schema`);
  return found;
}
