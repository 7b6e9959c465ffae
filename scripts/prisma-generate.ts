import { execFileSync } from "node:child_process";
import fs from "node:fs";
import {
  SCHEMA_PATH,
  generateCommand,
  generatorSchema,
  prismaCliEnv,
  writeSchemaVariant,
} from "./lib/schema-variants";

// Generates both Prisma clients (lib/db/generated/sqlite and …/postgresql); the app picks one
// at run time from DATABASE_URL, so one build serves either database.
const source = generatorSchema(fs.readFileSync(SCHEMA_PATH, "utf8"));
for (const provider of ["sqlite", "postgresql"] as const) {
  const schema = writeSchemaVariant(source, provider, "schema");
  const [command, args] = generateCommand(schema);
  execFileSync(command, args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: prismaCliEnv(provider),
  });
}
console.log("Prisma clients generated (sqlite, postgresql).");
