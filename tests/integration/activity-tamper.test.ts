import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer as readAll } from "node:stream/consumers";
import { afterAll, describe, expect, it, vi } from "vitest";
import { auditActivityLog } from "@/lib/db/activity-audit";
import type { ActivityAudit } from "@/lib/domain/activity-anchors";
import { verifyActivityLog } from "@/lib/db/activity";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { startExport } from "@/lib/db/exports";
import { runExport } from "@/lib/exports/run-export";
import {
  makeCheckpoint,
  signingKeyFromPem,
  verifyingKeyFromPem,
} from "@/lib/domain/activity-signature";
import { headFromFileText, type LabelledHead } from "@/lib/schemas/activity-heads";
import { getBlobStore } from "@/lib/storage";
import {
  activitySeqOf,
  appendEntries,
  DAY_MS,
  deleteAndRenumber,
  editAndRehash,
  makeKeyPair,
  truncateNewest,
} from "./activity-fixture";
import { makeAuditor } from "./auditor-fixture";
import { expectConsoleError, makeEngagement, makeOrg } from "./helpers";

// Finding 6 of #11: three rewrites of the activity log that its own links cannot see, each
// caught once a head was exported or a checkpoint signed after the rewritten entry; and the
// signatures and blob-store copies that keep the checkpoints themselves honest.

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-tamper-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
const KEY = makeKeyPair();
vi.stubEnv("AUDIT_SIGNING_KEY", KEY.privatePem);

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const TODAY = new Date().toISOString().slice(0, 10);

/** A JSON export of a new engagement at the current head; its file's head as a verifier reads it. */
async function exportJson(ctx: OrgContext): Promise<{ runId: string; file: LabelledHead }> {
  const engagement = await makeEngagement(ctx);
  const { id: runId } = await startExport(ctx, engagement.id, "json");
  await runExport(ctx, runId);
  const { storageKey, status } = await getDb().exportRun.findUniqueOrThrow({
    where: { id: runId },
    select: { storageKey: true, status: true },
  });
  expect(status).toBe("done");
  const text = (await readAll(await getBlobStore().get(storageKey ?? ""))).toString("utf8");
  const found = headFromFileText("readiness-export.json", text);
  if (!found.ok) throw new Error(found.message);
  return { runId, file: found.head };
}

const problems = (audit: ActivityAudit) =>
  audit.findings.filter((finding) => finding.problem !== null);
const messages = (audit: ActivityAudit) => problems(audit).map((finding) => finding.message);

describe("rewrites that pass the log's own verification", () => {
  it("(a) the newest 3 entries deleted and the sequence lowered by 3, after an export at the newest head", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 5, new Date());
    const { runId, file } = await exportJson(ctx);
    const head = await activitySeqOf(ctx.orgId);
    expect(file.head).toMatchObject({
      seq: head,
      checkpoint: { exportRunId: runId, keyId: signingKeyFromPem(KEY.privatePem).keyId },
    });
    expect((await auditActivityLog(ctx, [file])).ok).toBe(true);

    await truncateNewest(ctx.orgId, 3);

    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: head - 3 });
    const audit = await auditActivityLog(ctx, [file]);
    expect(audit.ok).toBe(false);
    const removed = `says the log reached entry #${head}, but it now ends at #${head - 3}: entries were removed.`;
    expect(messages(audit)).toEqual(
      expect.arrayContaining([
        `Export checkpoint of ${TODAY} (run ${runId}, entry #${head}) ${removed}`,
        `Export checkpoint of ${TODAY} (run ${runId}, entry #${head}) (blob store copy) ${removed}`,
        `Export json of ${TODAY} (run ${runId}) ${removed}`,
        `readiness-export.json (JSON export generated ${file.head.checkpoint?.createdAt}) ${removed}`,
      ]),
    );
  });

  it("(b) a middle entry deleted, the later ones renumbered and rehashed, after a daily checkpoint", async () => {
    const ctx = await makeOrg();
    const dayOne = new Date(Date.now() + DAY_MS);
    const dayTwo = new Date(Date.now() + 2 * DAY_MS);
    await appendEntries(ctx, 4, dayOne);
    const endOfDayOne = await activitySeqOf(ctx.orgId);
    // The first change of the next UTC day checkpoints the head the day before ended at.
    await appendEntries(ctx, 3, dayTwo);
    // (The first change of day one checkpointed the head its creation left, too.)
    const daily = await getDb().activityCheckpoint.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: { seq: "asc" },
    });
    expect(daily.map((row) => [row.seq, row.reason, row.exportRunId])).toEqual([
      [2, "daily", null],
      [endOfDayOne, "daily", null],
    ]);

    await deleteAndRenumber(ctx.orgId, 4);

    expect(await verifyActivityLog(ctx)).toMatchObject({ ok: true });
    const audit = await auditActivityLog(ctx);
    expect(audit.ok).toBe(false);
    const label = `Daily checkpoint of ${dayTwo.toISOString().slice(0, 10)} (entry #${endOfDayOne})`;
    const rewritten = `the log was rewritten at or before entry #${endOfDayOne}.`;
    expect(messages(audit)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${escape(label)} says entry #${endOfDayOne} had hash [0-9a-f]{16}…, but it now has [0-9a-f]{16}…: ${escape(rewritten)}$`,
          ),
        ),
      ]),
    );
    expect(
      messages(audit).filter((message) => message.startsWith(`${label} (blob store copy)`)),
    ).toHaveLength(1);
  });

  it("(c) an entry's after edited and every later entry rehashed, even with the database's own heads forged to match", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 6, new Date());
    const { runId, file } = await exportJson(ctx);
    const head = await activitySeqOf(ctx.orgId);

    await editAndRehash(
      ctx.orgId,
      3,
      JSON.stringify({ email: "someone-else@example.test", role: "admin" }),
    );
    // The careful forger also brings the export row and the checkpoint row in line.
    const forged = await getDb().activityLogEntry.findUniqueOrThrow({
      where: { organizationId_seq: { organizationId: ctx.orgId, seq: head } },
      select: { hash: true },
    });
    await getDb().exportRun.update({ where: { id: runId }, data: { chainHash: forged.hash } });
    await getDb().activityCheckpoint.updateMany({
      where: { organizationId: ctx.orgId, exportRunId: runId },
      data: { hash: forged.hash },
    });

    expect(await verifyActivityLog(ctx)).toMatchObject({ ok: true });
    const audit = await auditActivityLog(ctx, [file]);
    expect(audit.ok).toBe(false);
    const label = `Export checkpoint of ${TODAY} (run ${runId}, entry #${head})`;
    expect(problems(audit).map((finding) => [finding.label, finding.problem])).toEqual(
      expect.arrayContaining([
        [label, "bad_signature"],
        [label, "copy_differs"],
        [`${label} (blob store copy)`, "hash_differs"],
        [file.label, "hash_differs"],
      ]),
    );
    expect(messages(audit)).toContain(
      `${label} in the database differs from its copy in the blob store (${head.toString().padStart(10, "0")}-export-${runId}.json): the row was edited, or deleted and written again.`,
    );
  });
});

describe("signatures and copies", () => {
  it("fails every checkpoint checked with another public key, and a signature forged with another key", async () => {
    const ctx = await makeOrg();
    await exportJson(ctx);
    const right = verifyingKeyFromPem(KEY.publicPem);
    const wrong = verifyingKeyFromPem(makeKeyPair().publicPem);
    expect((await auditActivityLog(ctx, [], { key: right })).ok).toBe(true);

    const withWrongKey = await auditActivityLog(ctx, [], { key: wrong });
    expect(withWrongKey.ok).toBe(false);
    expect(withWrongKey.keyId).toBe(wrong.keyId);
    expect(problems(withWrongKey).map((finding) => finding.problem)).toEqual([
      "bad_signature",
      "bad_signature",
    ]);
    expect(messages(withWrongKey)[0]).toMatch(
      /^Export checkpoint of .*: its signature does not verify with the public key checked against/,
    );

    // Signed by the forger's own key, under the real key's id.
    const row = await getDb().activityCheckpoint.findFirstOrThrow({
      where: { organizationId: ctx.orgId },
    });
    const forgery = makeCheckpoint(
      {
        organizationId: ctx.orgId,
        seq: row.seq,
        hash: row.hash,
        reason: "export",
        exportRunId: row.exportRunId,
        createdAt: row.createdAt.toISOString(),
      },
      signingKeyFromPem(makeKeyPair().privatePem),
    );
    await getDb().activityCheckpoint.update({
      where: { id: row.id },
      data: { signature: forgery.signature },
    });
    expect(
      problems(await auditActivityLog(ctx))
        .map((finding) => finding.problem)
        .sort(),
    ).toEqual(["bad_signature", "copy_differs"]);
  });

  it("detects a checkpoint row edited in the database by its signature", async () => {
    const ctx = await makeOrg();
    await exportJson(ctx);
    const row = await getDb().activityCheckpoint.findFirstOrThrow({
      where: { organizationId: ctx.orgId },
    });
    await getDb().activityCheckpoint.update({
      where: { id: row.id },
      data: { seq: row.seq - 1, hash: "0".repeat(64) },
    });

    const audit = await auditActivityLog(ctx);
    expect(audit.ok).toBe(false);
    expect(problems(audit).map((finding) => [finding.seq, finding.problem])).toEqual(
      expect.arrayContaining([
        [row.seq - 1, "bad_signature"],
        // Renumbered, it no longer matches its copy, whose row now looks deleted.
        [row.seq, "row_missing"],
      ]),
    );
  });

  it("keeps a daily checkpoint's honest copy when a database writer has the app checkpoint a forged head under its name", async () => {
    expectConsoleError(/a different copy is already stored/);
    const ctx = await makeOrg();
    const day = (days: number) => new Date(Date.now() + days * DAY_MS);
    const [dayOne, dayTwo, dayThree] = [day(1), day(2), day(3)];
    await appendEntries(ctx, 4, dayOne);
    const endOfDayOne = await activitySeqOf(ctx.orgId);
    await appendEntries(ctx, 2, dayTwo);
    const key = `${ctx.orgId}/checkpoints/${String(endOfDayOne).padStart(10, "0")}-daily.json`;
    const honest = (await getBlobStore().getCheckpoint(key, 16_384)).toString("utf8");

    // Day two dropped, entry 3 rewritten and the day's checkpoint row deleted: the next change
    // (day three) checkpoints the forged head the day before "ended" at, under the same name.
    await truncateNewest(ctx.orgId, 2);
    await editAndRehash(
      ctx.orgId,
      3,
      JSON.stringify({ email: "someone-else@example.test", role: "admin" }),
    );
    await getDb().activityCheckpoint.deleteMany({
      where: { organizationId: ctx.orgId, seq: endOfDayOne },
    });
    await appendEntries(ctx, 1, dayThree);

    expect((await getBlobStore().getCheckpoint(key, 16_384)).toString("utf8")).toBe(honest);
    const audit = await auditActivityLog(ctx);
    expect(audit.ok).toBe(false);
    const label = (day: Date) =>
      `Daily checkpoint of ${day.toISOString().slice(0, 10)} (entry #${endOfDayOne})`;
    expect(problems(audit).map((finding) => [finding.label, finding.problem])).toEqual(
      expect.arrayContaining([
        [label(dayThree), "copy_differs"],
        [`${label(dayTwo)} (blob store copy)`, "hash_differs"],
      ]),
    );
  });

  it("still finds deleted checkpoint rows and cleared export heads through the blob-store copies", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 4, new Date());
    const { runId } = await exportJson(ctx);
    const head = await activitySeqOf(ctx.orgId);

    await truncateNewest(ctx.orgId, 3);
    await getDb().activityCheckpoint.deleteMany({ where: { organizationId: ctx.orgId } });
    await getDb().exportRun.updateMany({
      where: { organizationId: ctx.orgId },
      data: { chainSeq: null, chainHash: null },
    });

    expect(await verifyActivityLog(ctx)).toMatchObject({ ok: true });
    const audit = await auditActivityLog(ctx);
    expect(audit.ok).toBe(false);
    const label = `Export checkpoint of ${TODAY} (run ${runId}, entry #${head})`;
    expect(problems(audit).map((finding) => [finding.label, finding.problem])).toEqual([
      [label, "row_missing"],
      [`${label} (blob store copy)`, "beyond_head"],
    ]);
  });

  it("keeps organisations apart, refuses another organisation's head, and shows an auditor only their engagements' exports", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const { file } = await exportJson(theirs);
    const { runId: hidden } = await exportJson(mine);
    const given = await makeEngagement(mine);
    const { id: shown } = await startExport(mine, given.id, "json");
    await runExport(mine, shown);
    const auditor = await makeAuditor(mine, [given.id]);

    const audit = await auditActivityLog(auditor.ctx, [file]);
    expect(messages(audit)).toEqual([`${file.label}: it belongs to another organisation.`]);
    const labels = audit.findings.map((finding) => finding.label).join("\n");
    expect(labels).toContain(`run ${shown}`);
    expect(labels).not.toContain(hidden);
    expect(
      (await auditActivityLog(mine)).findings.map((finding) => finding.label).join("\n"),
    ).toContain(`run ${hidden}`);
    expect((await auditActivityLog(mine)).ok).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
