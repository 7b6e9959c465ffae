import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { providerOf } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrator";

// Test databases: one migrated template per run, and a throwaway copy of it per test file.
// SQLite unless TEST_DATABASE_URL names a PostgreSQL server (its database is only used to
// connect for CREATE/DROP DATABASE). Every name carries the run id, so teardown can sweep up
// whatever a crashed worker left behind.

type TestDatabaseConfig =
  | { provider: "sqlite"; runId: string; dir: string; templateUrl: string }
  | {
      provider: "postgresql";
      runId: string;
      adminUrl: string;
      templateName: string;
      templateUrl: string;
    };

export type TestDatabase = { url: string; drop: () => Promise<void> };

declare module "vitest" {
  export interface ProvidedContext {
    assayTestDatabase: TestDatabaseConfig;
  }
}

function serverUrl(env: NodeJS.ProcessEnv): string | null {
  const url = env.TEST_DATABASE_URL?.trim();
  if (!url) return null;
  if (providerOf(url) !== "postgresql") {
    throw new Error(
      "TEST_DATABASE_URL must be a postgresql:// URL; leave it unset to test against SQLite.",
    );
  }
  return url;
}

function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Names are built from the run id and hex only, so quoting them is enough.
const quoted = (name: string): string => `"${name}"`;

/** Creates and migrates the template for this run (global setup). */
export async function createTemplate(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestDatabaseConfig> {
  const runId = `${Date.now().toString(36)}${uniqueSuffix()}`;
  const adminUrl = serverUrl(env);
  if (adminUrl === null) {
    const dir = path.join(os.tmpdir(), `assay-test-${runId}`);
    fs.mkdirSync(dir, { recursive: true });
    const config: TestDatabaseConfig = {
      provider: "sqlite",
      runId,
      dir,
      templateUrl: `file:${path.join(dir, "template.db")}`,
    };
    return migrateTemplate(config);
  }
  const templateName = `assay_tpl_${runId}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${quoted(templateName)}`));
  return migrateTemplate({
    provider: "postgresql",
    runId,
    adminUrl,
    templateName,
    templateUrl: databaseUrlFor(adminUrl, templateName),
  });
}

async function migrateTemplate(config: TestDatabaseConfig): Promise<TestDatabaseConfig> {
  try {
    await migrate(config.templateUrl);
    return config;
  } catch (error) {
    await dropEverything(config);
    throw error;
  }
}

async function removeSqliteFiles(file: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    await fs.promises.rm(`${file}${suffix}`, { force: true });
}

async function newPostgresDatabase(
  config: Extract<TestDatabaseConfig, { provider: "postgresql" }>,
  template: string,
): Promise<TestDatabase> {
  const name = `assay_${config.runId}_${uniqueSuffix()}`;
  await withAdmin(config.adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(template)}`),
  );
  return {
    url: databaseUrlFor(config.adminUrl, name),
    // No FORCE: a connection still open here is a leak the test file should hear about.
    drop: () =>
      withAdmin(config.adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoted(name)}`),
      ).then(() => undefined),
  };
}

/** A fresh, migrated database copied from the run's template. */
export async function cloneTemplate(config: TestDatabaseConfig): Promise<TestDatabase> {
  if (config.provider === "postgresql") return newPostgresDatabase(config, config.templateName);
  const file = path.join(config.dir, `${uniqueSuffix()}.db`);
  await fs.promises.copyFile(path.join(config.dir, "template.db"), file);
  return { url: `file:${file}`, drop: () => removeSqliteFiles(file) };
}

/** A database with no tables at all (for testing the migrator itself). */
export async function emptyDatabase(config: TestDatabaseConfig): Promise<TestDatabase> {
  if (config.provider === "postgresql") return newPostgresDatabase(config, "template0");
  const file = path.join(config.dir, `${uniqueSuffix()}.db`);
  return { url: `file:${file}`, drop: () => removeSqliteFiles(file) };
}

/** Drops the template and every database of this run still present (global teardown). */
export async function dropEverything(config: TestDatabaseConfig): Promise<void> {
  if (config.provider === "sqlite") {
    await fs.promises.rm(config.dir, { recursive: true, force: true });
    return;
  }
  await withAdmin(config.adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database");
    const ours = rows
      .map((row) => row.datname)
      .filter((name) => name === config.templateName || name.startsWith(`assay_${config.runId}_`));
    for (const name of ours)
      await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
  });
}
