import { afterAll, afterEach, beforeEach, inject } from "vitest";
import { getDb } from "@/lib/db/client";
import { keepCheckpointCopiesInBlobStore } from "@/lib/storage/checkpoint-copies";
import { consoleGuard } from "./console-guarded";
import { cloneTemplate } from "./databases";

// Per test file: a private copy of the migrated template. getDb() reads DATABASE_URL lazily,
// so setting it here, before any test runs, points the whole data layer at the copy.
const database = await cloneTemplate(inject("assayTestDatabase"));
process.env.DATABASE_URL = database.url;
// As every process's entry does: the activity checkpoints copy to the blob store, which each
// test file points at its own folder (FILE_STORAGE_DIR, read on first use).
keepCheckpointCopiesInBlobStore();

// A console.error or console.warn a test did not declare fails that test (logged between tests,
// in a beforeAll for example, it fails the next test or the file's afterAll).
beforeEach(() => {
  const leftover = consoleGuard.unexpected();
  consoleGuard.reset();
  if (leftover) throw new Error(leftover);
});
afterEach(() => {
  const unexpected = consoleGuard.unexpected();
  consoleGuard.reset();
  if (unexpected) throw new Error(unexpected);
});

afterAll(async () => {
  await getDb().$disconnect();
  await database.drop();
  const unexpected = consoleGuard.unexpected();
  consoleGuard.reset();
  if (unexpected) throw new Error(unexpected);
});
