import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  MigrationError,
  checksumOf,
  pendingMigrations,
  readMigrations,
  type AppliedMigration,
  type MigrationFile,
} from "@/lib/db/migrator";

function makeMigration(
  name: string,
  sql = `-- ${name}\nCREATE TABLE t_${name.replace(/\W/g, "_")} (id INTEGER);\n`,
): MigrationFile {
  return { name, sql, checksum: checksumOf(sql) };
}

function appliedFrom(file: MigrationFile): AppliedMigration {
  return { name: file.name, checksum: file.checksum };
}

const INIT = makeMigration("20260101000000_init");
const USERS = makeMigration("20260201000000_users");
const AUDIT = makeMigration("20260301000000_audit");
const FILES = [INIT, USERS, AUDIT];

describe("checksumOf", () => {
  it("is a sha-256 hex digest", () => {
    expect(checksumOf("SELECT 1;")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("treats CRLF and LF line endings as the same file", () => {
    expect(checksumOf("CREATE TABLE a (id INT);\r\nCREATE TABLE b (id INT);\r\n")).toBe(
      checksumOf("CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n"),
    );
  });

  it("changes when the SQL changes", () => {
    expect(checksumOf("CREATE TABLE a (id INT);")).not.toBe(
      checksumOf("CREATE TABLE a (id BIGINT);"),
    );
  });

  it("still notices whitespace changes other than line endings", () => {
    expect(checksumOf("SELECT 1;\n")).not.toBe(checksumOf("SELECT 1;\n\n"));
    expect(checksumOf("SELECT 1;")).not.toBe(checksumOf("SELECT  1;"));
  });
});

describe("pendingMigrations", () => {
  it("returns every migration, in order, when none was applied", () => {
    expect(pendingMigrations(FILES, []).map((file) => file.name)).toEqual([
      INIT.name,
      USERS.name,
      AUDIT.name,
    ]);
  });

  it("returns the rest, in order, when some were applied", () => {
    expect(pendingMigrations(FILES, [appliedFrom(INIT)]).map((file) => file.name)).toEqual([
      USERS.name,
      AUDIT.name,
    ]);
  });

  it("returns nothing when all were applied", () => {
    expect(pendingMigrations(FILES, FILES.map(appliedFrom))).toEqual([]);
  });

  it("does not depend on the order applied rows come back in", () => {
    expect(pendingMigrations(FILES, [appliedFrom(USERS), appliedFrom(INIT)])).toEqual([AUDIT]);
  });

  it("accepts an applied file whose line endings were converted to CRLF", () => {
    const converted = makeMigration(INIT.name, INIT.sql.replace(/\n/g, "\r\n"));
    expect(pendingMigrations([converted, USERS], [appliedFrom(INIT)])).toEqual([USERS]);
  });

  it("throws a MigrationError naming an applied migration whose file changed", () => {
    const edited = makeMigration(USERS.name, `${USERS.sql}ALTER TABLE x ADD COLUMN y INT;\n`);
    const run = () =>
      pendingMigrations([INIT, edited, AUDIT], [appliedFrom(INIT), appliedFrom(USERS)]);
    expect(run).toThrow(MigrationError);
    expect(run).toThrow(`Migration ${USERS.name} changed after it was applied`);
  });

  it("throws a MigrationError naming an applied migration whose file is missing", () => {
    const run = () => pendingMigrations([INIT, AUDIT], [appliedFrom(INIT), appliedFrom(USERS)]);
    expect(run).toThrow(MigrationError);
    expect(run).toThrow(`Migration ${USERS.name} was applied but its file is missing`);
  });

  it("refuses before returning anything, even when later migrations are pending", () => {
    const edited = makeMigration(INIT.name, "DROP TABLE everything;");
    expect(() => pendingMigrations([edited, USERS, AUDIT], [appliedFrom(INIT)])).toThrow(INIT.name);
  });
});

describe("readMigrations", () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "assay-migrations-"));
  });

  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(provider: string, name: string, sql: string): void {
    fs.mkdirSync(path.join(root, provider, name), { recursive: true });
    fs.writeFileSync(path.join(root, provider, name, "migration.sql"), sql);
  }

  it("reads each folder's migration.sql, sorted by name, with its checksum", () => {
    write("sqlite", "20260301000000_audit", "CREATE TABLE audit (id INT);\n");
    write("sqlite", "20260101000000_init", "CREATE TABLE init (id INT);\n");
    write("sqlite", "20260201000000_users", "CREATE TABLE users (id INT);\n");

    expect(readMigrations("sqlite", root)).toEqual([
      {
        name: "20260101000000_init",
        sql: "CREATE TABLE init (id INT);\n",
        checksum: checksumOf("CREATE TABLE init (id INT);\n"),
      },
      {
        name: "20260201000000_users",
        sql: "CREATE TABLE users (id INT);\n",
        checksum: checksumOf("CREATE TABLE users (id INT);\n"),
      },
      {
        name: "20260301000000_audit",
        sql: "CREATE TABLE audit (id INT);\n",
        checksum: checksumOf("CREATE TABLE audit (id INT);\n"),
      },
    ]);
  });

  it("sorts by name even when the filesystem lists folders in another order", () => {
    // Node happens to list directories sorted; the order must not depend on that.
    write("sqlite", "20260101000000_init", "-- 1\n");
    write("sqlite", "20260201000000_users", "-- 2\n");
    write("sqlite", "20260301000000_audit", "-- 3\n");
    const listing = fs.readdirSync(path.join(root, "sqlite"), { withFileTypes: true });
    // readdirSync's overloads defeat inference; this is the withFileTypes form the migrator calls.
    const reversed = [...listing].reverse() as unknown as ReturnType<typeof fs.readdirSync>;
    vi.spyOn(fs, "readdirSync").mockReturnValue(reversed);

    expect(readMigrations("sqlite", root).map((file) => file.sql)).toEqual([
      "-- 1\n",
      "-- 2\n",
      "-- 3\n",
    ]);
  });

  it("reads only the requested provider's folder", () => {
    write("sqlite", "20260101000000_init", "-- sqlite\n");
    write("postgresql", "20260101000000_init", "-- postgresql\n");
    expect(readMigrations("postgresql", root).map((file) => file.sql)).toEqual(["-- postgresql\n"]);
  });

  it("ignores loose files next to the migration folders", () => {
    write("sqlite", "20260101000000_init", "SELECT 1;\n");
    fs.writeFileSync(path.join(root, "sqlite", "migration_lock.toml"), 'provider = "sqlite"\n');
    expect(readMigrations("sqlite", root).map((file) => file.name)).toEqual([
      "20260101000000_init",
    ]);
  });

  it("returns nothing when the provider has no folder yet", () => {
    expect(readMigrations("postgresql", root)).toEqual([]);
  });

  it("gives a CRLF file the same checksum as its LF twin", () => {
    write("sqlite", "20260101000000_init", "SELECT 1;\r\nSELECT 2;\r\n");
    const [file] = readMigrations("sqlite", root);
    expect(file?.sql).toBe("SELECT 1;\r\nSELECT 2;\r\n");
    expect(file?.checksum).toBe(checksumOf("SELECT 1;\nSELECT 2;\n"));
  });
});
