import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg, { type QueryResultRow } from "pg";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import {
  DEFAULT_DATABASE_URL,
  databaseUrl,
  providerOf,
  sqliteFilePath,
} from "@/lib/db/database-url";
import {
  MIGRATIONS_ROOT,
  MIGRATIONS_TABLE,
  MigrationError,
  checksumOf,
  migrate,
  readMigrations,
} from "@/lib/db/migrator";
import { emptyDatabase, type TestDatabase } from "./databases";

// Runs the migrator against empty databases of the provider the suite was started with.
const config = inject("assayTestDatabase");
const provider = config.provider;

const databases: TestDatabase[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "assay-migrations-"));

afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function freshDatabase(): Promise<string> {
  const database = await emptyDatabase(config);
  databases.push(database);
  return database.url;
}

async function query<T extends QueryResultRow>(url: string, sql: string): Promise<T[]> {
  if (providerOf(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const sql =
    provider === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'";
  return (await query<{ name: string }>(url, sql)).map((row) => row.name).sort();
}

const recorded = (url: string) =>
  query<{ name: string; checksum: string }>(
    url,
    `SELECT name, checksum FROM ${MIGRATIONS_TABLE} ORDER BY name`,
  );

/** A copy of the committed migrations that a test may change; returns its root. */
function copyOfMigrations(): string {
  const root = fs.mkdtempSync(path.join(scratch, "root-"));
  fs.cpSync(path.join(MIGRATIONS_ROOT, provider), path.join(root, provider), { recursive: true });
  return root;
}

function writeMigration(root: string, name: string, sql: string): string {
  const file = path.join(root, provider, name, "migration.sql");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sql);
  return file;
}

const committed = readMigrations(provider);
// One table per model of prisma/schema.prisma: the committed migrations must build exactly the schema.
const APP_TABLES: string[] = Object.values(Prisma.ModelName);

describe("the test database", () => {
  it("is a private copy on the provider chosen by TEST_DATABASE_URL", () => {
    const url = databaseUrl();
    expect(url).not.toBe(DEFAULT_DATABASE_URL);
    expect(providerOf(url)).toBe(process.env.TEST_DATABASE_URL ? "postgresql" : "sqlite");
    expect(providerOf(url)).toBe(provider);
  });
});

describe(`migrate (${provider})`, () => {
  it("applies every committed migration to an empty database and records each one", async () => {
    const url = await freshDatabase();
    expect(committed.length).toBeGreaterThan(0);

    const result = await migrate(url);

    expect(result.applied).toEqual(committed.map((file) => file.name));
    expect(await recorded(url)).toEqual(
      committed.map(({ name, checksum }) => ({ name, checksum })),
    );
    expect(await tables(url)).toEqual([...APP_TABLES, MIGRATIONS_TABLE].sort());
  });

  it("applies nothing on a second run", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const before = await recorded(url);

    expect(await migrate(url)).toEqual({ applied: [] });
    expect(await recorded(url)).toEqual(before);
  });

  it("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const url = await freshDatabase();
    const root = copyOfMigrations();
    await migrate(url, root);
    const [first] = readMigrations(provider, root);
    if (!first) throw new Error("no migrations");
    const firstFile = path.join(root, provider, first.name, "migration.sql");
    fs.appendFileSync(firstFile, '\nCREATE TABLE "Sneaky" ("id" TEXT NOT NULL PRIMARY KEY);\n');
    writeMigration(
      root,
      "29990101000000_extra",
      'CREATE TABLE "Extra" ("id" TEXT NOT NULL PRIMARY KEY);\n',
    );
    const tablesBefore = await tables(url);
    const recordedBefore = await recorded(url);

    const outcome = await migrate(url, root).then(
      () => null,
      (error: unknown) => error,
    );

    expect(outcome).toBeInstanceOf(MigrationError);
    expect(String(outcome)).toContain(`Migration ${first.name} changed after it was applied`);
    expect(await tables(url)).toEqual(tablesBefore);
    expect(await recorded(url)).toEqual(recordedBefore);
    expect(recordedBefore[0]?.checksum).toBe(first.checksum);
    expect(first.checksum).not.toBe(checksumOf(fs.readFileSync(firstFile, "utf8")));
  });

  it("refuses to run when an applied migration's file is missing", async () => {
    const url = await freshDatabase();
    const root = copyOfMigrations();
    await migrate(url, root);
    const [first] = readMigrations(provider, root);
    fs.rmSync(path.join(root, provider, first?.name ?? "missing"), { recursive: true });

    await expect(migrate(url, root)).rejects.toThrow(MigrationError);
    await expect(migrate(url, root)).rejects.toThrow(/was applied but its file is missing/);
  });

  it("rolls back a failing migration, stops there, and applies it once fixed", async () => {
    const url = await freshDatabase();
    const root = copyOfMigrations();
    const broken = writeMigration(
      root,
      "29990101000000_broken",
      'CREATE TABLE "Broken" ("id" TEXT NOT NULL PRIMARY KEY);\nINSERT INTO "NoSuchTable" ("id") VALUES (\'x\');\n',
    );
    writeMigration(
      root,
      "29990102000000_after",
      'CREATE TABLE "After" ("id" TEXT NOT NULL PRIMARY KEY);\n',
    );

    const outcome = await migrate(url, root).then(
      () => null,
      (error: unknown) => error,
    );

    expect(outcome).toBeInstanceOf(MigrationError);
    expect(String(outcome)).toContain("Migration 29990101000000_broken failed and was rolled back");
    expect(await tables(url)).toEqual([...APP_TABLES, MIGRATIONS_TABLE].sort());
    expect((await recorded(url)).map((row) => row.name)).toEqual(
      committed.map((file) => file.name),
    );

    fs.writeFileSync(broken, 'CREATE TABLE "Broken" ("id" TEXT NOT NULL PRIMARY KEY);\n');
    expect(await migrate(url, root)).toEqual({
      applied: ["29990101000000_broken", "29990102000000_after"],
    });
    expect(await tables(url)).toEqual([...APP_TABLES, MIGRATIONS_TABLE, "After", "Broken"].sort());
  });
});
