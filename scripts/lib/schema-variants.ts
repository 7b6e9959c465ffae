import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "../../lib/db/database-url";

// prisma/schema.prisma is written for SQLite. A schema's provider is fixed, so the PostgreSQL
// schema is derived from it: same models, different provider and client output folder.

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const GENERATED_DIR = path.resolve("prisma/generated");

export function schemaVariant(source: string, provider: DatabaseProvider): string {
  if (provider === "sqlite") return source;
  const swapped = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(
      'output     = "../lib/db/generated/sqlite"',
      'output     = "../../lib/db/generated/postgresql"',
    );
  if (swapped.includes('"sqlite"') || !swapped.includes("generated/postgresql")) {
    throw new Error(
      "prisma/schema.prisma: could not derive the PostgreSQL variant (provider or output line changed?)",
    );
  }
  return swapped;
}

/** Writes a schema text for `provider` under prisma/generated and returns its path. */
export function writeSchemaVariant(
  source: string,
  provider: DatabaseProvider,
  name: string,
): string {
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  const target = path.join(GENERATED_DIR, `${name}.${provider}.prisma`);
  let text = schemaVariant(source, provider);
  if (provider === "sqlite")
    text = text.replace(
      'output     = "../lib/db/generated/sqlite"',
      'output     = "../../lib/db/generated/sqlite"',
    );
  fs.writeFileSync(target, text);
  return target;
}

/** Environment for the Prisma CLI: a resolvable url keeps it from fetching native engines. */
export function prismaCliEnv(provider: DatabaseProvider): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    // Any existing file: the generator never loads it (engineType "client"), but without it
    // the PostgreSQL generate step tries to download a native query engine.
    PRISMA_QUERY_ENGINE_LIBRARY: path.resolve("package.json"),
    // `migrate diff` for PostgreSQL connects through the adapter even for a datamodel-only
    // diff, so it needs a reachable server (any database on it will do).
    DATABASE_URL:
      provider === "sqlite"
        ? "file:./data/prisma-cli.db"
        : (process.env.MIGRATION_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres"),
  };
}
