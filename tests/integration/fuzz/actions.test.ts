import "./mocks";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { fingerprints, type Fingerprint } from "./digest";
import { installHeadersForRequire } from "./harness";
import { CASES_PER_ENDPOINT, fuzzEndpoint, newTotals, outcomeTable } from "./probe";
import { addToTally } from "./tally";
import { discoverEndpoints, type Endpoint } from "./registry";
import { MARKER, restoreCallers, seedWorld, type World } from "./world";

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
  addToTally(inject("assayTestDatabase").runId, { label: "server actions", requests: totals.requests, fiveHundreds: totals.fiveHundreds });
  await fingerprint?.close();
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

// The checks themselves, on endpoints made to break each rule: a fuzz suite that cannot fail
// would prove nothing.
describe("the fuzz checks", () => {
  const fake = (id: string, fn: (world: World) => Promise<unknown>, isPublic = true): Endpoint => ({ kind: "action", id, isPublic, fn: () => fn(world), fields: { title: { kind: "text" } } });
  const run = (endpoint: Endpoint) => fuzzEndpoint(endpoint, world, fingerprint, newTotals(), 8);

  it("report an INTERNAL answer and a throw", async () => {
    expect(await run(fake("internal", async () => ({ ok: false, code: "INTERNAL", message: "x" })))).toEqual(expect.arrayContaining([expect.stringMatching(/internal as .*: answered INTERNAL/)]));
    expect(await run(fake("throws", async () => Promise.reject(new Error("boom"))))).toEqual(expect.arrayContaining([expect.stringMatching(/threw Error: boom/)]));
  });

  it("report a write made by a call that was refused", async () => {
    const writes = fake("writes", async ({ a }) => {
      await getDb().control.create({ data: { organizationId: a.ctx.orgId, ref: `W-${Math.random().toString(36).slice(2, 8)}`, title: "Written anyway", description: "", searchText: "written anyway", status: "draft", frequency: "quarterly", nature: "manual" } });
      return { ok: false, code: "VALIDATION", message: "Refused." };
    });
    expect(await run(writes)).toEqual(expect.arrayContaining([expect.stringMatching(/refused \(VALIDATION\) but changed Control/)]));
  });

  it("report an endpoint that needs a session answering someone without one", async () => {
    expect(await run(fake("open", async () => ({ ok: true, data: null }), false))).toEqual(expect.arrayContaining([expect.stringMatching(/open as (signed-out|revoked session) .*: answered \(ok\) a caller who is not signed in/)]));
  });

  it("report org B's data in an answer, but not what the request itself sent", async () => {
    expect(await run(fake("leaks", async ({ b }) => ({ ok: true, data: { name: b.ctx.orgName } })))).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`shows what the caller may not see: ${MARKER}`))]));
    const echo: Endpoint = { kind: "action", id: "echo", isPublic: true, fn: async (_previous, form) => ({ ok: false, code: "NOT_FOUND", message: JSON.stringify([...(form instanceof FormData ? form.values() : [])]) }), fields: { controlId: { kind: "text" } } };
    expect(await run(echo)).toEqual([]);
  });
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
