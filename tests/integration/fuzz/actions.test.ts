import "./mocks";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fingerprints, type Fingerprint } from "./digest";
import { installHeadersForRequire } from "./harness";
import { CASES_PER_ENDPOINT, fuzzEndpoint, newTotals, outcomeTable } from "./probe";
import { discoverEndpoints } from "./registry";
import { restoreCallers, seedWorld, type World } from "./world";

// Every server action, called with generated malformed input by every kind of caller, against
// the real database (see probe.ts for what must hold).

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-fuzz-actions-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
installHeadersForRequire();

const { endpoints, problems } = await discoverEndpoints();
const actions = endpoints.filter((endpoint) => endpoint.kind === "action");
const totals = newTotals();
let world: World;
let fingerprint: Fingerprint;

beforeAll(async () => {
  world = await seedWorld();
  fingerprint = await fingerprints(storageDir);
});

afterAll(async () => {
  if (process.env.FUZZ_VERBOSE) console.log(outcomeTable(totals));
  console.log(`[fuzz] server actions: ${totals.fiveHundreds} 5xx/INTERNAL over ${totals.requests} requests (${actions.length} actions × ${CASES_PER_ENDPOINT})`);
  await fingerprint?.close();
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

describe("fuzzed server actions", () => {
  it("finds every exported action and knows how to call it", () => {
    expect(problems.filter((problem) => problem.includes("actions.ts"))).toEqual([]);
    expect(actions.length).toBeGreaterThan(40);
  });

  for (const endpoint of actions) {
    it(endpoint.id, async () => {
      await restoreCallers(world);
      expect(await fuzzEndpoint(endpoint, world, fingerprint, totals)).toEqual([]);
    }, 120_000);
  }
});
