import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startSmtpServer } from "../smtp";
import { fingerprints, type Fingerprint } from "./digest";
import { installHeadersForRequire } from "./harness";
import { CASES_PER_ENDPOINT, fuzzEndpoint, newTotals, outcomeTable } from "./probe";
import { discoverEndpoints, type Endpoint } from "./registry";
import { addToTally } from "./tally";
import { restoreCallers, seedWorld, withSamplePack, type World } from "./world";

// One fuzz test file: a share of the endpoints, one test each, over a world of its own (files
// run in parallel, one per worker). The file must import ./mocks first.

type Options = {
  /** Which file of the project kind to check discovery for ("actions.ts", "route.ts"). */
  discovers?: "actions.ts" | "route.ts";
  /** Build a real evidence pack first (for the pack verifier). */
  samplePack?: boolean;
};

export type FuzzFile = { world: () => World; fingerprint: () => Fingerprint };

export async function fuzzFile(
  label: string,
  pick: (endpoint: Endpoint, index: number) => boolean,
  options: Options = {},
): Promise<FuzzFile> {
  const storageDir = await mkdtemp(path.join(tmpdir(), "assay-fuzz-"));
  vi.stubEnv("FILE_STORAGE", "local");
  vi.stubEnv("FILE_STORAGE_DIR", storageDir);
  vi.stubEnv("MAX_UPLOAD_MB", "1");
  vi.stubEnv("MAX_VERIFY_MB", "1");
  installHeadersForRequire();
  const { endpoints, problems } = await discoverEndpoints();
  const picked = endpoints.filter(pick);
  const totals = newTotals();
  let world: World | undefined;
  let fingerprint: Fingerprint | undefined;
  let stopSmtp: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // A real SMTP server, so the paths that send mail (invitations, password resets) run too.
    const smtp = await startSmtpServer();
    stopSmtp = smtp.stop;
    vi.stubEnv("SMTP_URL", smtp.url);
    world = await seedWorld();
    if (options.samplePack) await withSamplePack(world);
    fingerprint = await fingerprints(storageDir);
    // Two organisations of every kind of record, with exports: a while on a busy machine.
  }, 180_000);

  afterAll(async () => {
    if (process.env.FUZZ_VERBOSE) console.log(outcomeTable(totals));
    console.log(
      `[fuzz] ${label}: ${totals.fiveHundreds} 5xx/INTERNAL over ${totals.requests} requests (${picked.length} endpoints × ${CASES_PER_ENDPOINT})`,
    );
    addToTally(inject("assayTestDatabase").runId, {
      label,
      requests: totals.requests,
      fiveHundreds: totals.fiveHundreds,
    });
    await fingerprint?.close();
    await stopSmtp?.();
    vi.unstubAllEnvs();
    await rm(storageDir, { recursive: true, force: true });
  });

  const ready = () => {
    if (!world || !fingerprint) throw new Error("the fuzz world is made in beforeAll");
    return { world, fingerprint };
  };

  describe(`fuzzed ${label}`, () => {
    const { discovers } = options;
    if (discovers) {
      it(`finds every export of app/**/${discovers} and knows how to call it`, () => {
        expect(problems.filter((problem) => problem.includes(discovers))).toEqual([]);
        expect(
          endpoints.filter(
            (endpoint) => endpoint.kind === (discovers === "route.ts" ? "route" : "action"),
          ).length,
        ).toBeGreaterThan(10);
      });
    }
    for (const endpoint of picked) {
      it(
        endpoint.id,
        async () => {
          const current = ready();
          await restoreCallers(current.world);
          expect(await fuzzEndpoint(endpoint, current.world, current.fingerprint, totals)).toEqual(
            [],
          );
        },
        120_000,
      );
    }
  });

  return { world: () => ready().world, fingerprint: () => ready().fingerprint };
}
