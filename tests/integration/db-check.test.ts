import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_ROOT } from "@/lib/db/migrator";
import { schemaDrift, type DriftOptions } from "@/scripts/lib/schema-drift";
import { SCHEMA_PATH } from "@/scripts/lib/schema-variants";

// `npm run db:check` against copies of the schema and the migrations with drift planted in them:
// a field added to the schema without a migration, and the same with the snapshot updated too
// (the migration forgotten). On SQLite, and on PostgreSQL when the tests run there.

const server = process.env.TEST_DATABASE_URL?.trim();
const providers: DriftOptions["providers"] = server ? ["postgresql"] : ["sqlite"];
const copies = fs.mkdtempSync(path.join(os.tmpdir(), "assay-db-check-test-"));
afterAll(() => fs.rmSync(copies, { recursive: true, force: true }));

/** A copy of prisma/schema.prisma and prisma/migrations, changed by `plant`. */
function copy(name: string, plant: (files: { schema: string; snapshot: string }) => void) {
  const root = path.join(copies, name);
  const migrationsRoot = path.join(root, "migrations");
  fs.cpSync(MIGRATIONS_ROOT, migrationsRoot, { recursive: true });
  const schemaPath = path.join(root, "schema.prisma");
  fs.copyFileSync(SCHEMA_PATH, schemaPath);
  plant({ schema: schemaPath, snapshot: path.join(migrationsRoot, "last-schema.prisma") });
  return { schemaPath, migrationsRoot, providers, postgresUrl: server };
}

function addField(file: string): void {
  const text = fs.readFileSync(file, "utf8");
  const planted = text.replace("model User {\n", "model User {\n  plantedDrift String?\n");
  if (planted === text) throw new Error("addField: model User not found");
  fs.writeFileSync(file, planted);
}

describe("npm run db:check", { timeout: 180_000 }, () => {
  it("passes when the schema and every migration agree", async () => {
    expect(await schemaDrift(copy("clean", () => undefined))).toEqual([]);
  });

  it("fails when schema.prisma changed without a migration", async () => {
    const problems = await schemaDrift(copy("unmigrated", ({ schema }) => addField(schema)));
    expect(problems[0]).toMatch(/schema\.prisma differs from .*last-schema\.prisma/);
    expect(problems).toContain(
      `The ${providers[0]} migrations do not produce the schema: table User, column plantedDrift is missing.`,
    );
  });

  it("fails when the snapshot was updated but the migration is missing", async () => {
    const problems = await schemaDrift(
      copy("forgotten", ({ schema, snapshot }) => {
        addField(schema);
        fs.copyFileSync(schema, snapshot);
      }),
    );
    expect(problems).toEqual([
      `The ${providers[0]} migrations do not produce the schema: table User, column plantedDrift is missing.`,
    ]);
  });
});
