import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer as readAll } from "node:stream/consumers";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main as activityCheckpoint } from "@/scripts/activity-checkpoint";
import { main as activityVerify } from "@/scripts/activity-verify";
import { readHeadFile } from "@/scripts/lib/activity-head-files";
import { auditActivityLog } from "@/lib/db/activity-audit";
import { recordActivity } from "@/lib/db/activity";
import { documentOf, storeCheckpointCopy } from "@/lib/db/checkpoints";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { startExport } from "@/lib/db/exports";
import { runExport } from "@/lib/exports/run-export";
import { recordDailySnapshot } from "@/lib/db/snapshots";
import { engagementReadiness } from "@/lib/db/readiness";
import { signatureStatus, verifyingKeyFromPem } from "@/lib/domain/activity-signature";
import { getBlobStore } from "@/lib/storage";
import {
  activitySeqOf,
  appendEntries,
  DAY_MS,
  makeKeyPair,
  truncateNewest,
} from "./activity-fixture";
import { expectConsoleError, makeEngagement, makeOrg, makeUser } from "./helpers";
import { signInAs } from "./signed-in";

// Where the activity head is recorded (exports, their manifests, snapshots, daily checkpoints),
// the scripts, and the verify route.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const workDir = await mkdtemp(path.join(tmpdir(), "assay-checkpoints-"));
const storageDir = path.join(workDir, "files");
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
const KEY = makeKeyPair();
vi.stubEnv("AUDIT_SIGNING_KEY", KEY.privatePem);
const publicKey = verifyingKeyFromPem(KEY.publicPem);

const { POST: verifyRoute } = await import("@/app/api/orgs/[orgSlug]/activity/verify/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(workDir, { recursive: true, force: true });
});

async function exportRun(
  ctx: OrgContext,
  format: "pack" | "json",
): Promise<{ runId: string; bytes: Buffer }> {
  const engagement = await makeEngagement(ctx);
  const { id: runId } = await startExport(ctx, engagement.id, format);
  await runExport(ctx, runId);
  const run = await getDb().exportRun.findUniqueOrThrow({
    where: { id: runId },
    select: { storageKey: true, status: true, error: true },
  });
  if (run.status !== "done") throw new Error(`export ${run.status}: ${run.error}`);
  return { runId, bytes: await readAll(await getBlobStore().get(run.storageKey ?? "")) };
}

/** `work`, failing the test when it takes longer than `ms` (a wait for a lock, say). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)),
  );
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const copiesOf = async (orgId: string) =>
  readdir(path.join(storageDir, orgId, "checkpoints")).catch(() => [] as string[]);
const output = () => {
  const lines: string[] = [];
  return {
    lines,
    out: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) },
  };
};

describe("heads recorded with exports and snapshots", () => {
  it("puts the head in the pack's manifest, signed, and on the export run, its checkpoint row and blob copy", async () => {
    const ctx = await makeOrg();
    const { runId, bytes } = await exportRun(ctx, "pack");
    const head = await activitySeqOf(ctx.orgId);
    const zip = path.join(workDir, "pack.zip");
    await writeFile(zip, bytes);

    const found = await readHeadFile(zip);
    if (!found.ok) throw new Error(found.message);
    const { checkpoint } = found.head.head;
    expect(found.head.head).toMatchObject({
      seq: head,
      checkpoint: {
        reason: "export",
        exportRunId: runId,
        organizationId: ctx.orgId,
        keyId: publicKey.keyId,
      },
    });
    expect(checkpoint && signatureStatus(checkpoint, publicKey)).toBe("valid");
    expect(
      await getDb().exportRun.findUniqueOrThrow({
        where: { id: runId },
        select: { chainSeq: true, chainHash: true },
      }),
    ).toEqual({ chainSeq: head, chainHash: found.head.head.hash });
    const row = await getDb().activityCheckpoint.findFirstOrThrow({
      where: { organizationId: ctx.orgId, exportRunId: runId },
    });
    expect(row).toMatchObject({
      seq: head,
      hash: found.head.head.hash,
      signature: checkpoint?.signature,
      keyId: publicKey.keyId,
      createdAt: new Date(checkpoint?.createdAt ?? ""),
    });
    const name = `${String(head).padStart(10, "0")}-export-${runId}.json`;
    expect(await copiesOf(ctx.orgId)).toEqual([name]);
    expect(
      JSON.parse(
        (await getBlobStore().getCheckpoint(`${ctx.orgId}/checkpoints/${name}`, 16_384)).toString(),
      ),
    ).toEqual(checkpoint);
  });

  it("records the head on the day's readiness snapshot", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const today = new Date().toISOString().slice(0, 10);
    await recordDailySnapshot(
      ctx,
      engagement.id,
      today,
      (await engagementReadiness(ctx, engagement.id, today)).counts,
    );
    const newest = await getDb().activityLogEntry.findFirstOrThrow({
      where: { organizationId: ctx.orgId },
      orderBy: { seq: "desc" },
    });
    expect(
      await getDb().readinessSnapshot.findFirstOrThrow({
        where: { engagementId: engagement.id },
        select: { chainSeq: true, chainHash: true },
      }),
    ).toEqual({ chainSeq: newest.seq, chainHash: newest.hash });
  });

  it("fails an export rather than leave it unsigned when the key is misconfigured, but lets changes through", async () => {
    // The export fails loudly and the checkpoint is written unsigned: both are logged.
    expectConsoleError(/audit signing key is misconfigured/);
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    vi.stubEnv("AUDIT_SIGNING_KEY", "not a key");
    try {
      const { id } = await startExport(ctx, engagement.id, "json");
      await runExport(ctx, id);
      expect(
        await getDb().exportRun.findUniqueOrThrow({
          where: { id },
          select: { status: true, chainSeq: true },
        }),
      ).toEqual({ status: "failed", chainSeq: null });
      expect(await getDb().activityCheckpoint.count({ where: { organizationId: ctx.orgId } })).toBe(
        0,
      );
      // The first change of a new day still saves; its daily checkpoint goes unsigned.
      await appendEntries(ctx, 1, new Date(Date.now() + DAY_MS));
      expect(
        await getDb().activityCheckpoint.findMany({
          where: { organizationId: ctx.orgId },
          select: { reason: true, signature: true },
        }),
      ).toEqual([{ reason: "daily", signature: null }]);
    } finally {
      vi.stubEnv("AUDIT_SIGNING_KEY", KEY.privatePem);
    }
  });
});

describe("daily checkpoints", () => {
  it("are written once, by the first change of a new UTC day, for the head the day before ended at", async () => {
    const ctx = await makeOrg();
    const tomorrow = new Date(Date.now() + DAY_MS);
    const headBefore = await activitySeqOf(ctx.orgId);
    await appendEntries(ctx, 3, tomorrow);
    await appendEntries(ctx, 2, new Date(tomorrow.getTime() + 1000));

    const rows = await getDb().activityCheckpoint.findMany({
      where: { organizationId: ctx.orgId },
    });
    expect(rows.map((row) => [row.seq, row.reason, row.createdAt])).toEqual([
      [headBefore, "daily", tomorrow],
    ]);
    expect(await copiesOf(ctx.orgId)).toEqual([
      `${String(headBefore).padStart(10, "0")}-daily.json`,
    ]);
  });

  it("are written by npm run activity:checkpoint for heads that have none, with copies that are missing", async () => {
    const ctx = await makeOrg();
    await exportRun(ctx, "json");
    await rm(path.join(storageDir, ctx.orgId, "checkpoints"), { recursive: true });
    const head = await activitySeqOf(ctx.orgId);
    const { lines, out } = output();

    expect(await activityCheckpoint([], out)).toBe(0);
    expect(lines.at(-1)).toMatch(
      /^Checked \d+ organisations?: \d+ checkpoints? written, \d+ blob-store (copy|copies) written\.$/,
    );
    expect(
      (await copiesOf(ctx.orgId)).map((name) => name.replace(/-export-.*/, "-export")),
    ).toEqual(
      [
        `${String(head).padStart(10, "0")}-daily.json`,
        `${String(head).padStart(10, "0")}-export`,
      ].sort(),
    );
    const again = output();
    await activityCheckpoint([], again.out);
    expect(await getDb().activityCheckpoint.count({ where: { organizationId: ctx.orgId } })).toBe(
      2,
    );
  });

  it("keep the copy first written: the same checkpoint again is fine, another under its name is refused and shows in the audit", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 2, new Date(Date.now() + DAY_MS));
    const row = await getDb().activityCheckpoint.findFirstOrThrow({
      where: { organizationId: ctx.orgId, reason: "daily" },
    });
    const document = documentOf(row);
    if (!document) throw new Error("no document");
    const name = `${String(row.seq).padStart(10, "0")}-daily.json`;
    const stored = () =>
      getBlobStore()
        .getCheckpoint(`${ctx.orgId}/checkpoints/${name}`, 16_384)
        .then((bytes) => bytes.toString("utf8"));
    const first = await stored();

    expect(await storeCheckpointCopy(document)).toBe(true);
    expect((await auditActivityLog(ctx)).ok).toBe(true);

    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await storeCheckpointCopy({ ...document, hash: "f".repeat(64) })).toBe(false);
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining(`[activity checkpoint ${name}] a different copy is already stored`),
      );
    } finally {
      errors.mockRestore();
    }
    expect(await stored()).toBe(first);
    await getDb().activityCheckpoint.update({
      where: { id: row.id },
      data: { hash: "f".repeat(64), signature: null, keyId: null },
    });
    expect(
      (await auditActivityLog(ctx)).findings.filter(
        (finding) => finding.problem === "copy_differs",
      ),
    ).toHaveLength(1);
  });

  it("are copied once the change has committed: a store that hangs holds no lock and blocks no other change", async () => {
    const ctx = await makeOrg();
    const store = getBlobStore();
    const write = store.putCheckpoint.bind(store);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const put = vi
      .spyOn(store, "putCheckpoint")
      .mockImplementation(async (...args) => held.then(() => write(...args)));
    const tomorrow = new Date(Date.now() + DAY_MS);
    const headBefore = await activitySeqOf(ctx.orgId);
    try {
      // The day's first change checkpoints yesterday's head; its copy waits on the store.
      const first = appendEntries(ctx, 1, tomorrow);
      await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(1));
      expect(
        await getDb().activityCheckpoint.count({
          where: { organizationId: ctx.orgId, reason: "daily" },
        }),
      ).toBe(1);
      await within(3_000, appendEntries(ctx, 2, tomorrow));
      expect(await activitySeqOf(ctx.orgId)).toBe(headBefore + 3);
      expect(await copiesOf(ctx.orgId)).toEqual([]);
      release();
      await first;
      expect(await copiesOf(ctx.orgId)).toEqual([
        `${String(headBefore).padStart(10, "0")}-daily.json`,
      ]);
    } finally {
      release();
      put.mockRestore();
    }
  });

  it("are not copied when the change that wrote them rolls back", async () => {
    const ctx = await makeOrg();
    const failing = Object.assign(new Error("the change failed after logging"), { code: "TEST" });
    await expect(
      getDb().$transaction(async (tx) => {
        await recordActivity(
          tx,
          { orgId: ctx.orgId, userId: ctx.userId },
          { action: "engagement.archived", entityType: "engagement", entityId: "x" },
          new Date(Date.now() + DAY_MS),
        );
        throw failing;
      }),
    ).rejects.toBe(failing);
    expect(await getDb().activityCheckpoint.count({ where: { organizationId: ctx.orgId } })).toBe(
      0,
    );
    expect(await copiesOf(ctx.orgId)).toEqual([]);
  });

  it("are never written by verification (a GET)", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 2, new Date(Date.now() + DAY_MS));
    const before = {
      rows: await getDb().activityCheckpoint.count(),
      copies: await copiesOf(ctx.orgId),
      seq: await activitySeqOf(ctx.orgId),
    };
    await auditActivityLog(ctx);
    expect({
      rows: await getDb().activityCheckpoint.count(),
      copies: await copiesOf(ctx.orgId),
      seq: await activitySeqOf(ctx.orgId),
    }).toEqual(before);
  });
});

describe("stored copies read by a page", () => {
  it("are the newest ones, plus any whose row is gone", async () => {
    const ctx = await makeOrg();
    const runs = [];
    for (let n = 0; n < 3; n += 1) runs.push((await exportRun(ctx, "json")).runId);
    expect((await auditActivityLog(ctx, [], { maxCopies: 1 })).copies).toEqual({
      read: 1,
      total: 3,
    });

    await getDb().activityCheckpoint.deleteMany({ where: { exportRunId: runs[0] } });
    const audit = await auditActivityLog(ctx, [], { maxCopies: 1 });
    expect(audit.copies).toEqual({ read: 2, total: 3 });
    expect(
      audit.findings
        .filter((finding) => finding.problem !== null)
        .map((finding) => [finding.problem, finding.label]),
    ).toEqual([["row_missing", expect.stringContaining(`run ${runs[0]}`)]]);
  });
});

describe("npm run activity:verify", () => {
  it("checks the log against a pack and the given public key, and names the pack a truncation disagrees with", async () => {
    const ctx = await makeOrg();
    await appendEntries(ctx, 4, new Date());
    const { bytes } = await exportRun(ctx, "pack");
    const zip = path.join(workDir, "kept-pack.zip");
    const keyFile = path.join(workDir, "public.pem");
    await writeFile(zip, bytes);
    await writeFile(keyFile, KEY.publicPem);

    const clean = output();
    expect(await activityVerify([ctx.orgSlug, zip, "--public-key", keyFile], clean.out)).toBe(0);
    expect(clean.lines).toContain(`Signatures checked with key ${publicKey.keyId}.`);
    expect(clean.lines.at(-1)).toBe("OK: the activity log agrees with every recorded head.");

    const head = await activitySeqOf(ctx.orgId);
    await truncateNewest(ctx.orgId, 3);
    const tampered = output();
    expect(await activityVerify([ctx.orgSlug, zip, "--public-key", keyFile], tampered.out)).toBe(1);
    expect(tampered.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^FAILED  kept-pack\\.zip \\(pack manifest generated .*\\) says the log reached entry #${head}, but it now ends at #${head - 3}`,
        ),
      ),
    );

    const wrongKey = path.join(workDir, "wrong.pem");
    await writeFile(wrongKey, makeKeyPair().publicPem);
    const wrong = output();
    expect(await activityVerify([ctx.orgSlug, "--public-key", wrongKey], wrong.out)).toBe(1);
    expect(wrong.lines).toContainEqual(
      expect.stringContaining("its signature does not verify with the public key checked against"),
    );
  });

  it("explains its usage and an unknown organisation", async () => {
    const usage = output();
    expect(await activityVerify([], usage.out)).toBe(1);
    expect(usage.lines[0]).toMatch(/^Usage: npm run activity:verify -- <org-slug>/);
    const unknown = output();
    expect(await activityVerify(["no-such-org"], unknown.out)).toBe(1);
    expect(unknown.lines).toEqual(['FAILED: No organisation has the address "no-such-org".']);
  });
});

describe("POST /api/orgs/:orgSlug/activity/verify", () => {
  const post = (slug: string, body: string) =>
    verifyRoute(
      new NextRequest(`http://localhost/api/orgs/${slug}/activity/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
      { params: Promise.resolve({ orgSlug: slug }) },
    );

  it("checks heads a member brings, answers 404 to a non-member and 400 to a malformed body", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    const { bytes } = await exportRun(ctx, "json");
    const head = JSON.parse(bytes.toString("utf8")).activityHead as unknown;

    signInAs(owner);
    const ok = await post(ctx.orgSlug, JSON.stringify({ heads: [{ label: "export.json", head }] }));
    expect(ok.status).toBe(200);
    const { data } = (await ok.json()) as {
      data: { ok: boolean; findings: { label: string; problem: string | null }[] };
    };
    expect(data.ok).toBe(true);
    expect(data.findings).toContainEqual(
      expect.objectContaining({ label: "export.json", problem: null }),
    );

    expect((await post(ctx.orgSlug, JSON.stringify({ heads: "x" }))).status).toBe(400);
    signInAs(await makeUser());
    expect((await post(ctx.orgSlug, JSON.stringify({ heads: [] }))).status).toBe(404);
    signInAs(null);
    expect((await post(ctx.orgSlug, JSON.stringify({ heads: [] }))).status).toBe(401);
  });
});
