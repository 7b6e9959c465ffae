import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_ROOT } from "../lib/db/migrator";
import {
  SCHEMA_PATH,
  migrateDiffCommand,
  prismaCliEnv,
  writeSchemaVariant,
} from "./lib/schema-variants";

// Usage: npm run migration:new -- add_controls
// Diffs the datamodel recorded at the last migration (prisma/migrations/last-schema.prisma)
// against prisma/schema.prisma and writes one migration.sql per provider.

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Give the migration a name in snake_case: npm run migration:new -- add_controls");
  process.exit(1);
}

const snapshotPath = path.join(MIGRATIONS_ROOT, "last-schema.prisma");
const current = fs.readFileSync(SCHEMA_PATH, "utf8");
const previous = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;

for (const provider of ["sqlite", "postgresql"] as const) {
  const to = writeSchemaVariant(current, provider, "next");
  const from =
    previous === null
      ? ["--from-empty"]
      : ["--from-schema-datamodel", writeSchemaVariant(previous, provider, "previous")];
  const [command, args] = migrateDiffCommand([...from, "--to-schema-datamodel", to, "--script"]);
  const output = execFileSync(command, args, { env: prismaCliEnv(provider), encoding: "utf8" });
  // The CLI prints a "Loaded Prisma config" banner on stdout before the script.
  const sql = output.slice(Math.max(0, output.indexOf("-- ")));
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.error("No schema changes since the last migration; nothing written.");
    process.exit(1);
  }
  const dir = path.join(MIGRATIONS_ROOT, provider, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
fs.writeFileSync(snapshotPath, current);
