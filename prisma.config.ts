import { defineConfig } from "prisma/config";

// Prisma 7's CLI, which only generates the clients here (scripts/prisma-generate.ts): it needs no
// datasource for that. The migration SQL is written by Prisma 6.19's CLI with its own config
// (prisma/cli6.config.ts), and migrations are applied by scripts/migrate.ts, never by a Prisma CLI.
export default defineConfig({});
