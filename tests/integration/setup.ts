import { afterAll, inject } from "vitest";
import { getDb } from "@/lib/db/client";
import { cloneTemplate } from "./databases";

// Per test file: a private copy of the migrated template. getDb() reads DATABASE_URL lazily,
// so setting it here, before any test runs, points the whole data layer at the copy.
const database = await cloneTemplate(inject("assayTestDatabase"));
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await getDb().$disconnect();
  await database.drop();
});
