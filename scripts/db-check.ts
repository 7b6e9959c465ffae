import { MIGRATIONS_ROOT } from "../lib/db/migrator";
import { schemaDrift } from "./lib/schema-drift";
import { SCHEMA_PATH } from "./lib/schema-variants";

// npm run db:check   (DB_CHECK_PROVIDERS=sqlite skips PostgreSQL; MIGRATION_POSTGRES_URL names
// the server, 127.0.0.1:5432 by default)
// Fails when prisma/schema.prisma changed without a migration, or when either provider's
// migrations no longer produce the schema (see scripts/lib/schema-drift.ts).

const providers = (process.env.DB_CHECK_PROVIDERS ?? "sqlite,postgresql")
  .split(",")
  .map((name) => name.trim())
  .filter((name): name is "sqlite" | "postgresql" => name === "sqlite" || name === "postgresql");

schemaDrift({
  schemaPath: SCHEMA_PATH,
  migrationsRoot: MIGRATIONS_ROOT,
  providers,
  postgresUrl: process.env.MIGRATION_POSTGRES_URL,
})
  .then((problems) => {
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exitCode = 1;
    else console.log(`Schema and migrations agree (${providers.join(", ")}).`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
