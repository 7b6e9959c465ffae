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

// Two Prisma CLIs (docs/decisions/0050-prisma-7-client.md): Prisma 7's generates the clients;
// Prisma 6.19's (the `prisma-cli-6` package, with prisma/cli6.config.ts) writes the migration SQL,
// because every Prisma 7 command that touches a schema engine downloads a native binary, which
// these machines cannot do.

/** The datamodel as Prisma 7's generator takes it: the url moved to the config in Prisma 7. */
export function generatorSchema(text: string): string {
  const stripped = text.replace(/^\s*url\s*=\s*env\("DATABASE_URL"\)\s*\n/m, "");
  if (stripped === text)
    throw new Error(
      'prisma/schema.prisma: the datasource\'s `url = env("DATABASE_URL")` line is missing.',
    );
  return stripped;
}

/** `prisma generate` (Prisma 7) for a schema file: the command and its arguments. */
export function generateCommand(schema: string): [string, string[]] {
  return [
    process.execPath,
    [
      path.resolve("node_modules/prisma/build/index.js"),
      "generate",
      "--no-hints",
      `--schema=${schema}`,
    ],
  ];
}

/** `prisma migrate diff …` (Prisma 6.19, which diffs offline): the command and its arguments. */
export function migrateDiffCommand(args: readonly string[]): [string, string[]] {
  return [
    process.execPath,
    [
      path.resolve("node_modules/prisma-cli-6/build/index.js"),
      "migrate",
      "diff",
      "--config",
      path.resolve("prisma/cli6.config.ts"),
      ...args,
    ],
  ];
}

/** Environment for the Prisma CLIs: a resolvable url keeps them from fetching native engines. */
export function prismaCliEnv(provider: DatabaseProvider): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    // Prisma 7's generate looks for a schema engine it never runs: any executable will do.
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
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
