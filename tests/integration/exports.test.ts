import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer as readAll } from "node:stream/consumers";
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { addFileEvidence, addLinkEvidence, addNoteEvidence } from "@/lib/db/evidence";
import { deleteEvidence } from "@/lib/db/evidence-corrections";
import {
  evidenceChangesSince,
  getExportRun,
  lastSentSnapshot,
  listExportRuns,
  markExportSent,
  openExportDownload,
  startExport,
} from "@/lib/db/exports";
import { runExport } from "@/lib/exports/run-export";
import { setControlMappings } from "@/lib/db/mappings";
import { engagementReadiness } from "@/lib/db/readiness";
import { diffSnapshots, snapshotState, type ExportFormat } from "@/lib/domain/export/snapshot";
import type { ExportFigures, ExportSummary } from "@/lib/domain/export/types";
import {
  addMember,
  criterion,
  expectAppError,
  expectIntactLog,
  fileEvidenceInput,
  makeControl,
  makeEngagement,
  makeException,
  makeOrg,
  makeUser,
  noteEvidenceInput,
} from "./helpers";
import { versionOf } from "./version-of";
import { signInAs } from "./signed-in";

// Exports end to end below the UI: a run is started, produced into blob storage and recorded
// with its snapshot; the files are read back and checked against the dashboard's own figures.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-exports-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);

const { getBlobStore } = await import("@/lib/storage");
const { verifyPack } = await import("@/lib/export/verify-pack");
const { GET: downloadRoute } =
  await import("@/app/api/orgs/[orgSlug]/exports/[runId]/download/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const TODAY = new Date().toISOString().slice(0, 10);
const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

type Fixture = {
  ctx: OrgContext;
  owner: UserContext;
  engagementId: string;
  controls: { id: string; ref: string }[];
  fileBytes: Buffer;
  fileEvidenceId: string;
  designNoteId: string;
};

async function fixture(): Promise<Fixture> {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  const year = Number(TODAY.slice(0, 4));
  const { id: engagementId } = await makeEngagement(ctx, {
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
  });
  const ready = await makeControl(ctx, {
    status: "implemented",
    description: "Reviews access each quarter.",
    ownerId: ctx.userId,
    frequency: "annual",
  });
  const gap = await makeControl(ctx, { frequency: "monthly" });
  await setControlMappings(ctx, ready.id, [criterion("CC6.1")], []);
  await setControlMappings(ctx, gap.id, [criterion("CC8.1"), criterion("CC6.1")], []);
  const { id: designNoteId } = await addNoteEvidence(
    ctx,
    noteEvidenceInput([ready.id], {
      purpose: "design",
      effectiveDate: TODAY,
      note: "Design walkthrough.",
    }),
  );
  await addLinkEvidence(ctx, {
    ...noteEvidenceInput([gap.id]),
    url: "https://tickets.example.test/CHG-1",
  });
  const fileBytes = Buffer.from(`%PDF-1.4 access review ${Math.random()}`);
  const blob = await getBlobStore().putStream(ctx.orgId, Readable.from([fileBytes]), 1024 * 1024);
  const { id: fileEvidenceId } = await addFileEvidence(
    ctx,
    fileEvidenceInput([ready.id, gap.id], { effectiveDate: TODAY }),
    blob,
    { name: "../../review.pdf", contentType: "application/pdf" },
  );
  await makeException(ctx, gap.id, { date: TODAY });
  return {
    ctx,
    owner,
    engagementId,
    controls: [ready, gap],
    fileBytes,
    fileEvidenceId,
    designNoteId,
  };
}

async function exportOnce(ctx: OrgContext, engagementId: string, format: ExportFormat) {
  const { id } = await startExport(ctx, engagementId, format);
  await runExport(ctx, id);
  return getExportRun(ctx, id);
}

async function storedBytes(ctx: OrgContext, runId: string): Promise<Buffer> {
  const download = await openExportDownload(ctx, runId);
  return readAll(await getBlobStore().get(download.storageKey));
}

describe("exports", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it("writes the JSON export from the dashboard's own computation: same counts, every evidence record", async () => {
    const run = await exportOnce(f.ctx, f.engagementId, "json");
    expect(run).toMatchObject({ state: "done", format: "json", error: null });
    const exported = JSON.parse(
      (await storedBytes(f.ctx, run.id)).toString("utf8"),
    ) as ExportSummary & { evidence: { id: string }[] };
    const dashboard = await engagementReadiness(f.ctx, f.engagementId, TODAY);
    expect(exported.figures.counts).toEqual(dashboard.readiness.counts);
    expect(exported.figures.controls).toEqual(dashboard.readiness.controlCounts);
    expect(
      exported.requirements.map((requirement) => [requirement.code, requirement.status]),
    ).toEqual(dashboard.requirements.map((requirement) => [requirement.code, requirement.status]));
    expect(exported.evidence).toHaveLength(3);
    expect(run.readinessPercent).toBeCloseTo(dashboard.readiness.counts.readinessPercent);
    expect(run.sha256).toBe(sha256(await storedBytes(f.ctx, run.id)));
  });

  it("builds an evidence pack whose manifest matches the stored files, and which the verifier accepts", async () => {
    const run = await exportOnce(f.ctx, f.engagementId, "pack");
    expect(run.state).toBe("done");
    expect(run.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const zipPath = path.join(storageDir, `pack-${run.id}.zip`);
    await writeFile(zipPath, await storedBytes(f.ctx, run.id));
    const verification = await verifyPack(zipPath);
    expect(verification).toMatchObject({ ok: true, mismatched: [], missing: [], extra: [] });
    // The file is linked to two controls, so it sits in both folders; plus notes, links, PDF, XLSX.
    expect(verification.checked).toBeGreaterThanOrEqual(2 + 2 + 1 + 1);
    expect(run.progressDone).toBeGreaterThan(0);
  });

  it("produces a PDF and a workbook with the matrix's sheets", async () => {
    const pdf = await exportOnce(f.ctx, f.engagementId, "pdf");
    expect((await storedBytes(f.ctx, pdf.id)).subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = await exportOnce(f.ctx, f.engagementId, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await storedBytes(f.ctx, xlsx.id)).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Summary",
      "Requirements",
      "Controls & evidence",
      "Exceptions",
      "Population events",
    ]);
    const csv = await exportOnce(f.ctx, f.engagementId, "csv");
    expect((await storedBytes(f.ctx, csv.id)).subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses to ship a pack when a stored file no longer matches its SHA-256", async () => {
    const g = await fixture();
    const file = await getDb().evidence.findUniqueOrThrow({
      where: { id: g.fileEvidenceId },
      select: { file: { select: { storageKey: true } } },
    });
    const key = file.file?.storageKey ?? "";
    await writeFile(path.join(storageDir, key), "tampered bytes");
    const run = await exportOnce(g.ctx, g.engagementId, "pack");
    expect(run.state).toBe("failed");
    expect(run.error).toMatch(/SHA-256/);
    expect(run.fileName).toBeNull();
    await expectAppError(openExportDownload(g.ctx, run.id), "CONFLICT");
  });

  it("streams a finished export to members only, checked against its hash; others get 404", async () => {
    const run = await exportOnce(f.ctx, f.engagementId, "json");
    const request = () =>
      new NextRequest(`http://assay.test/api/orgs/${f.ctx.orgSlug}/exports/${run.id}/download`);
    const params = { params: Promise.resolve({ orgSlug: f.ctx.orgSlug, runId: run.id }) };
    signInAs(f.owner);
    const ok = await downloadRoute(request(), params);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(
      /^attachment; filename=".*readiness-.*\.json"/,
    );
    expect(sha256(Buffer.from(await ok.arrayBuffer()))).toBe(run.sha256);
    signInAs(await makeUser());
    expect((await downloadRoute(request(), params)).status).toBe(404);
    signInAs(null);
  });

  it("keeps tenants and engagements apart", async () => {
    const stranger = await makeOrg();
    const run = await exportOnce(f.ctx, f.engagementId, "json");
    await expectAppError(startExport(stranger, f.engagementId, "json"), "NOT_FOUND");
    await expectAppError(getExportRun(stranger, run.id), "NOT_FOUND");
    await expectAppError(openExportDownload(stranger, run.id), "NOT_FOUND");
    await expectAppError(listExportRuns(stranger, f.engagementId), "NOT_FOUND");
    // A viewer may export (a read-only output) but not mark exports as sent.
    const viewer = await addMember(f.ctx, "viewer");
    expect((await exportOnce(viewer.ctx, f.engagementId, "json")).state).toBe("done");
    await expectAppError(markExportSent(viewer.ctx, run.id), "FORBIDDEN");
    await expectIntactLog(f.ctx);
  });

  it("shows what changed since the last export sent to the auditor", async () => {
    const g = await fixture();
    expect(await lastSentSnapshot(g.ctx, g.engagementId)).toBeNull();
    const run = await exportOnce(g.ctx, g.engagementId, "json");
    await markExportSent(g.ctx, run.id);
    const last = await lastSentSnapshot(g.ctx, g.engagementId);
    expect(last?.runId).toBe(run.id);
    expect((last?.figures as ExportFigures).counts.total).toBeGreaterThan(0);

    const added = await addNoteEvidence(
      g.ctx,
      noteEvidenceInput([g.controls[1]?.id ?? ""], { title: "Late change ticket" }),
    );
    await deleteEvidence(
      g.ctx,
      g.designNoteId,
      await versionOf("evidence", g.designNoteId),
      "Recorded in error",
    );
    const changes = await evidenceChangesSince(
      g.ctx,
      new Set(g.controls.map((control) => control.id)),
      last?.createdAt ?? new Date(0),
    );
    expect(changes.added.map((item) => item.id)).toEqual([added.id]);
    expect(changes.removed.map((item) => item.id)).toEqual([g.designNoteId]);

    const again = await exportOnce(g.ctx, g.engagementId, "json");
    const now = JSON.parse((await storedBytes(g.ctx, again.id)).toString("utf8")) as ExportSummary;
    const diff = diffSnapshots(
      last?.state ?? { requirements: {}, controls: {} },
      snapshotState(now),
    );
    // Removing the only design evidence of the ready control makes it, and CC6.1, not ready.
    expect(diff.controls).toContainEqual({
      key: g.controls[0]?.ref,
      from: "ready",
      to: "not ready",
    });
  });
});
