import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer as readAll } from "node:stream/consumers";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { loadDescription } from "@/lib/db/description";
import { changeSectionState, saveSection } from "@/lib/db/description-edit";
import { getExportRun, markExportSent, openExportDownload, startExport } from "@/lib/db/exports";
import type { ExportFormat } from "@/lib/domain/export/snapshot";
import type { ExportSummary } from "@/lib/domain/export/types";
import { runExport } from "@/lib/exports/run-export";
import { makeControl, makeEngagement, makeOrg } from "./helpers";

// The system description in the exports: the JSON export carries it, the evidence pack holds
// description.md listed in its manifest with its hash, and the run records the versions it held
// so the description page can say what changed since it was sent.

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-description-exports-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
const { getBlobStore } = await import("@/lib/storage");
const { verifyPack } = await import("@/lib/export/verify-pack");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const BODY =
  "We host on [[AC-01]] and [[ZZ-9]].\n\n| Layer | Tool |\n| --- | --- |\n| Hosting | Cloud |";

async function exportOnce(ctx: OrgContext, engagementId: string, format: ExportFormat) {
  const { id } = await startExport(ctx, engagementId, format);
  await runExport(ctx, id);
  const run = await getExportRun(ctx, id);
  const download = await openExportDownload(ctx, run.id);
  return { run, bytes: await readAll(await getBlobStore().get(download.storageKey)) };
}

async function describedEngagement() {
  const ctx = await makeOrg();
  const engagement = await makeEngagement(ctx);
  await makeControl(ctx, { ref: "AC-01" });
  const saved = await saveSection(ctx, {
    engagementId: engagement.id,
    key: "components",
    title: "System components",
    body: BODY,
    scope: "engagement",
    version: 0,
  });
  await changeSectionState(ctx, { sectionId: saved.id, to: "in_review", version: 1 });
  await changeSectionState(ctx, { sectionId: saved.id, to: "approved", version: 2 });
  return { ctx, engagementId: engagement.id, sectionId: saved.id };
}

describe("the system description in the exports", () => {
  it("is in the JSON export with its completeness, states and unknown refs", async () => {
    const { ctx, engagementId } = await describedEngagement();
    const { bytes } = await exportOnce(ctx, engagementId, "json");
    const exported = JSON.parse(bytes.toString("utf8")) as ExportSummary;
    expect(exported.description?.completeness).toEqual({
      approved: 1,
      total: 10,
      text: "1 of 10 sections approved",
    });
    const components = exported.description?.sections.find((s) => s.key === "components");
    expect(components).toMatchObject({ state: "approved", version: 1, body: BODY });
    expect(components?.unknownRefs).toEqual(["ZZ-9"]);
    expect(components?.approvedBy).toBeTruthy();
  });

  it("puts description.md in the pack, listed in the manifest with its hash, and records the versions sent", async () => {
    const { ctx, engagementId, sectionId } = await describedEngagement();
    const { run, bytes } = await exportOnce(ctx, engagementId, "pack");
    const zipPath = path.join(storageDir, `pack-${run.id}.zip`);
    await writeFile(zipPath, bytes);
    expect(await verifyPack(zipPath)).toMatchObject({ ok: true, mismatched: [], missing: [] });
    const manifest = JSON.parse(
      execFileSync("unzip", ["-p", zipPath, "manifest.json"]).toString("utf8"),
    ) as {
      files: { path: string; kind: string; sha256: string }[];
    };
    const entry = manifest.files.find((file) => file.path.endsWith("description.md"));
    expect(entry?.kind).toBe("description");
    const markdown = execFileSync("unzip", ["-p", zipPath, entry?.path ?? ""]);
    expect(entry?.sha256).toBe(sha256(markdown));
    const text = markdown.toString("utf8");
    expect(text).toContain("# System description:");
    expect(text).toContain("1 of 10 sections approved");
    expect(text).toContain("| Hosting | Cloud |");
    expect(text).toContain("Unknown control refs: ZZ-9");
    const pdfEntry = manifest.files.find((file) => file.path.endsWith("description.pdf"));
    expect(pdfEntry?.kind).toBe("description");
    const pdf = execFileSync("unzip", ["-p", zipPath, pdfEntry?.path ?? ""]);
    expect(pdfEntry?.sha256).toBe(sha256(pdf));
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    expect(pdfText).toContain("System components");
    expect(pdfText).toContain("1 of 10 sections approved");
    // The section's table is laid out as a table, not printed as the pipes it was typed with.
    expect(pdfText).toMatch(/Layer\s+Tool\s+Hosting\s+Cloud/);
    expect(pdfText).not.toContain("|");
    // Refs print as the controls' refs, an unknown one flagged; the brackets stay in the .md only.
    expect(pdfText).toContain("We host on AC-01 and ZZ-9 (unknown control).");
    expect(pdfText).not.toContain("[[");

    const stored = await getDb().exportRun.findUniqueOrThrow({
      where: { id: run.id },
      select: { descriptionVersions: true },
    });
    expect(JSON.parse(stored.descriptionVersions ?? "{}")).toEqual({ [sectionId]: 1 });
    await markExportSent(ctx, run.id);
    const section = (await loadDescription(ctx, engagementId)).sections.find(
      (s) => s.key === "components",
    );
    expect(section?.changedSinceSent).toBe(false);
  });
});
