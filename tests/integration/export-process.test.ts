import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { addFileEvidence } from "@/lib/db/evidence";
import { getExportRun, startExport } from "@/lib/db/exports";
import { setControlMappings } from "@/lib/db/mappings";
import { exportProcess } from "@/lib/export-process/runner";
import {
  criterion,
  expectConsoleError,
  fileEvidenceInput,
  makeControl,
  makeEngagement,
  makeOrg,
  makeUser,
} from "./helpers";

// The export process for real: a child started from scripts/export-worker.ts through tsx, on
// this test's database and file store, producing runs the test starts, and what happens to
// runs when it dies.

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-export-process-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
const { getBlobStore } = await import("@/lib/storage");
const { verifyPack } = await import("@/lib/export/verify-pack");

afterAll(async () => {
  await exportProcess().stop();
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const TODAY = new Date().toISOString().slice(0, 10);

async function organisationWithEvidence() {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  const year = Number(TODAY.slice(0, 4));
  const { id: engagementId } = await makeEngagement(ctx, {
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
  });
  const control = await makeControl(ctx, {
    status: "implemented",
    ownerId: ctx.userId,
    frequency: "annual",
  });
  await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
  const bytes = Buffer.from(`access review minutes ${Math.random()}`);
  const blob = await getBlobStore().putStream(ctx.orgId, Readable.from([bytes]), 1024 * 1024);
  await addFileEvidence(ctx, fileEvidenceInput([control.id], { effectiveDate: TODAY }), blob, {
    name: "minutes.txt",
    contentType: "text/plain",
  });
  return { ctx, engagementId };
}

describe("the export process", () => {
  it(
    "produces runs handed to it, one after another, and reports its own peak memory",
    { timeout: 90_000 },
    async () => {
      const { ctx, engagementId } = await organisationWithEvidence();
      const pack = await startExport(ctx, engagementId, "pack");
      const json = await startExport(ctx, engagementId, "json");
      const finished = await Promise.all(
        [pack, json].map((run) =>
          exportProcess().run({ runId: run.id, userId: ctx.userId, orgSlug: ctx.orgSlug }),
        ),
      );
      expect(finished.map((message) => message.runId)).toEqual([pack.id, json.id]);
      expect(finished[0]?.peakRssMb).toBeGreaterThan(20);
      expect(exportProcess().pid).not.toBe(process.pid);

      const [packRun, jsonRun] = [
        await getExportRun(ctx, pack.id),
        await getExportRun(ctx, json.id),
      ];
      expect(packRun).toMatchObject({ state: "done", error: null });
      expect(jsonRun).toMatchObject({ state: "done", error: null });
      const { storageKey } = (await getDb().exportRun.findUniqueOrThrow({
        where: { id: pack.id },
        select: { storageKey: true },
      })) as { storageKey: string };
      const file = path.join(storageDir, ...storageKey.split("/"));
      // The summary, the workbook, description.md, description.pdf and the evidence file.
      expect(await verifyPack(file)).toMatchObject({
        ok: true,
        checked: 5,
        mismatched: [],
        missing: [],
        extra: [],
      });
    },
  );

  it(
    "checks the member again when it starts the run: a member removed meanwhile gets a failed run",
    { timeout: 90_000 },
    async () => {
      const { ctx, engagementId } = await organisationWithEvidence();
      const run = await startExport(ctx, engagementId, "json");
      await getDb().membership.deleteMany({
        where: { userId: ctx.userId, organizationId: ctx.orgId },
      });
      await exportProcess().run({ runId: run.id, userId: ctx.userId, orgSlug: ctx.orgSlug });
      const row = await getDb().exportRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(row).toMatchObject({
        status: "failed",
        error: "You no longer have access to this organisation's exports.",
      });
    },
  );

  it(
    "leaves another organisation's run alone, whoever the request names",
    { timeout: 90_000 },
    async () => {
      const a = await organisationWithEvidence();
      const b = await organisationWithEvidence();
      const theirs = await startExport(b.ctx, b.engagementId, "json");
      // A member of A naming B's run, and a user who is no member of B naming B's organisation.
      await exportProcess().run({ runId: theirs.id, userId: a.ctx.userId, orgSlug: a.ctx.orgSlug });
      await exportProcess().run({ runId: theirs.id, userId: a.ctx.userId, orgSlug: b.ctx.orgSlug });
      const row = await getDb().exportRun.findUniqueOrThrow({ where: { id: theirs.id } });
      expect(row).toMatchObject({ status: "running", error: null, storageKey: null });
    },
  );

  it(
    "marks the runs it had not finished as failed when it dies, and starts afresh for the next",
    { timeout: 90_000 },
    async () => {
      expectConsoleError(
        /\[exports\] the export process ended \(SIGKILL\); 2 exports did not finish/,
      );
      const { ctx, engagementId } = await organisationWithEvidence();
      const runs = [
        await startExport(ctx, engagementId, "pack"),
        await startExport(ctx, engagementId, "pack"),
      ];
      const outcomes = runs.map((run) =>
        exportProcess()
          .run({ runId: run.id, userId: ctx.userId, orgSlug: ctx.orgSlug })
          .catch((error: unknown) => error),
      );
      const pid = exportProcess().pid;
      expect(pid).toBeDefined();
      process.kill(pid as number, "SIGKILL");
      for (const outcome of await Promise.all(outcomes)) expect(outcome).toBeInstanceOf(Error);
      for (const run of runs) {
        const row = await getDb().exportRun.findUniqueOrThrow({ where: { id: run.id } });
        expect(row.status).toBe("failed");
        expect(row.error).toMatch(/stopped unexpectedly/);
      }

      const next = await startExport(ctx, engagementId, "json");
      await exportProcess().run({ runId: next.id, userId: ctx.userId, orgSlug: ctx.orgSlug });
      expect(exportProcess().pid).not.toBe(pid);
      expect(await getExportRun(ctx, next.id)).toMatchObject({ state: "done" });
    },
  );

  it(
    "fails the runs still waiting when it is stopped, after finishing the one in hand",
    { timeout: 90_000 },
    async () => {
      const { ctx, engagementId } = await organisationWithEvidence();
      const runs = [
        await startExport(ctx, engagementId, "pack"),
        await startExport(ctx, engagementId, "json"),
        await startExport(ctx, engagementId, "json"),
      ];
      const outcomes = runs.map((run) =>
        exportProcess()
          .run({ runId: run.id, userId: ctx.userId, orgSlug: ctx.orgSlug })
          .catch((error: unknown) => error),
      );
      await exportProcess().stop();
      await Promise.all(outcomes);
      const rows = await Promise.all(
        runs.map((run) => getDb().exportRun.findUniqueOrThrow({ where: { id: run.id } })),
      );
      expect(rows.map((row) => row.status)).toEqual(["done", "failed", "failed"]);
      expect(rows[1]?.error).toBe("The server stopped before this export started. Start it again.");
    },
  );
});
