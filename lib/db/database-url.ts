import path from "node:path";

// The database is chosen by DATABASE_URL: unset or `file:` → the embedded SQLite file,
// `postgresql://` (or `postgres://`) → PostgreSQL. Shared by the app, the scripts and the tests.

export type DatabaseProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/assay.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`,
  );
}

/** The SQLite file a `file:` URL points at, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const location = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/* turbopackIgnore: true */ location);
}
