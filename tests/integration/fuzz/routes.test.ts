import "./mocks";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { fingerprints, type Fingerprint } from "./digest";
import { installHeadersForRequire } from "./harness";
import { CASES_PER_ENDPOINT, fuzzEndpoint, newTotals, outcomeTable } from "./probe";
import { addToTally } from "./tally";
import { discoverEndpoints } from "./registry";
import { restoreCallers, seedWorld, withSamplePack, type World } from "./world";

// Every route handler (each HTTP method of each app/**/route.ts), called with generated
// malformed requests by every kind of caller, against the real database (see probe.ts).

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-fuzz-routes-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
vi.stubEnv("MAX_UPLOAD_MB", "1");
vi.stubEnv("MAX_VERIFY_MB", "1");
installHeadersForRequire();

const { endpoints, problems } = await discoverEndpoints();
const routes = endpoints.filter((endpoint) => endpoint.kind === "route");
const totals = newTotals();
let world: World;
let fingerprint: Fingerprint;

beforeAll(async () => {
  world = await seedWorld();
  await withSamplePack(world);
  fingerprint = await fingerprints(storageDir);
});

afterAll(async () => {
  if (process.env.FUZZ_VERBOSE) console.log(outcomeTable(totals));
  console.log(`[fuzz] route handlers: ${totals.fiveHundreds} 5xx over ${totals.requests} requests (${routes.length} handlers × ${CASES_PER_ENDPOINT})`);
  addToTally(inject("assayTestDatabase").runId, { label: "route handlers", requests: totals.requests, fiveHundreds: totals.fiveHundreds });
  await fingerprint?.close();
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

describe("fuzzed route handlers", () => {
  it("finds every exported handler and knows how to call it", () => {
    expect(problems.filter((problem) => problem.includes("route.ts"))).toEqual([]);
    expect(routes.length).toBeGreaterThan(10);
  });

  for (const endpoint of routes) {
    it(endpoint.id, async () => {
      await restoreCallers(world);
      expect(await fuzzEndpoint(endpoint, world, fingerprint, totals)).toEqual([]);
    }, 120_000);
  }
});
