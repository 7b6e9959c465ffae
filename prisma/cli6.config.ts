import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Only the offline CLI commands use this (generate, migrate diff): the JS schema engine with a
// driver adapter keeps Prisma from downloading native engines. Migrations are applied by
// scripts/migrate.ts, not by the Prisma CLI.
export default {
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL ?? "file:./data/prisma-cli.db";
    return url.startsWith("file:")
      ? new PrismaBetterSqlite3({ url: ":memory:" })
      : new PrismaPg({ connectionString: url });
  },
};
