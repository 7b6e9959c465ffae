import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { databaseUrl, providerOf, sqliteFilePath } from "./database-url";
import { withAfterCommit } from "./after-commit";
import { serializeStatements } from "./serialized-sqlite";

// Both clients are generated from the same datamodel, so their query API is identical; the
// SQLite client's type stands for both.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { assayDb?: { url: string; client: Db } };

function createClient(url: string): Db {
  if (providerOf(url) === "sqlite") {
    return withAfterCommit(
      new SqliteClient({
        adapter: serializeStatements(
          new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 10_000 }),
        ),
      }),
    );
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  return withAfterCommit(client as unknown as Db);
}

/** The Prisma client for the current DATABASE_URL, created once per process. */
export function getDb(): Db {
  const url = databaseUrl();
  const cached = globalForDb.assayDb;
  if (cached?.url === url) return cached.client;
  const client = createClient(url);
  globalForDb.assayDb = { url, client };
  return client;
}
