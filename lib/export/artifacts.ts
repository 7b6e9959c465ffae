// One entry point per export format, over the same data: what the export runner calls.
import { PassThrough, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import type { ExportFormat } from "@/lib/domain/export/snapshot";
import type { EvidencePages, ExportSummary } from "@/lib/domain/export/types";
import type { ExportRequestList } from "@/lib/domain/request-list";
import { writeExportJson } from "./export-json";
import { writeMatrixCsv } from "./matrix-csv";
import { MATRIX_VIEW_IDS } from "./matrix-views";
import { writeMatrixXlsx } from "./matrix-xlsx";
import { writeEvidencePack, type StoredFiles } from "./pack";
import { replayablePages } from "./replayable-pages";
import { renderSummaryPdf } from "./summary-pdf";
import { printedRefs } from "@/lib/domain/description/refs";
import { descriptionMarkdown } from "@/lib/domain/export/description-md";
import type { ExportDescription } from "@/lib/domain/export/types";
import { renderMarkdownPdf } from "./markdown-pdf";

export type ArtifactData = {
  summary: ExportSummary;
  evidencePages: EvidencePages;
  requestList?: ExportRequestList | null;
};
export type ArtifactOptions = {
  /** The stored evidence files (the pack only). */
  files: StoredFiles;
  onProgress?: (done: number, total: number | null) => void;
};

/** Writes the export to `output` and ends it; `manifestSha256` for packs. */
export async function writeExportArtifact(
  format: ExportFormat,
  data: ArtifactData,
  output: Writable,
  options: ArtifactOptions,
): Promise<{ manifestSha256?: string }> {
  const { summary, evidencePages } = data;
  switch (format) {
    case "pdf":
      await pipeline(async function* () {
        yield await renderSummaryPdf(summary);
      }, output);
      return {};
    case "xlsx":
      await writeMatrixXlsx(summary, evidencePages, output);
      return {};
    case "json":
      await writeExportJson(summary, evidencePages, output);
      return {};
    case "csv":
      await writeCsvZip(data, output);
      return {};
    case "pack": {
      // Read by the workbook, then again for the files.
      const evidence = replayablePages(evidencePages);
      const description = summary.description;
      const result = await writeEvidencePack(
        {
          summary,
          evidencePages: evidence,
          files: options.files,
          onProgress: options.onProgress,
          requestList: data.requestList,
          documents: [
            { path: "summary.pdf", kind: "summary", render: () => renderSummaryPdf(summary) },
            ...(description ? descriptionDocuments(summary, description) : []),
            {
              path: "matrix.xlsx",
              kind: "matrix",
              render: async () => streamed((out) => writeMatrixXlsx(summary, evidence, out)),
            },
          ],
        },
        output,
      );
      return { manifestSha256: result.manifestSha256 };
    }
  }
}

/** A readable fed by `write`; a failure of `write` errors the readable. */
function streamed(write: (output: Writable) => Promise<void>): Readable {
  const pass = new PassThrough();
  write(pass).catch((error: unknown) =>
    pass.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return pass;
}

/** The matrix as CSV: one file per view, in one ZIP. */
async function writeCsvZip(
  { summary, evidencePages }: ArtifactData,
  output: Writable,
): Promise<void> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const writing = pipeline(archive, output);
  writing.catch(() => undefined);
  for (const view of MATRIX_VIEW_IDS) {
    const csv = streamed((out) => writeMatrixCsv(view, summary, evidencePages, out));
    archive.append(csv, { name: `${view}.csv` });
    // One entry at a time: the next view's rows are not read until this one is in the archive.
    await new Promise<void>((resolve, reject) => {
      csv.once("end", resolve);
      csv.once("error", reject);
    });
  }
  await Promise.all([archive.finalize(), writing]);
}

/** description.pdf's Markdown: control refs print as the refs themselves, not as `[[AC-01]]`. */
function printedDescriptionMarkdown(summary: ExportSummary, description: ExportDescription) {
  const sections = description.sections.map((section) => ({
    ...section,
    body: printedRefs(section.body, section.unknownRefs),
  }));
  return descriptionMarkdown(summary.engagement.name, summary.organization.name, {
    ...description,
    sections,
  });
}

/** description.md and description.pdf: the system description as written, and laid out. */
function descriptionDocuments(summary: ExportSummary, description: ExportDescription) {
  const markdown = descriptionMarkdown(
    summary.engagement.name,
    summary.organization.name,
    description,
  );
  return [
    {
      path: "description.md",
      kind: "description" as const,
      render: () => Promise.resolve(Buffer.from(markdown, "utf8")),
    },
    {
      path: "description.pdf",
      kind: "description" as const,
      render: () =>
        renderMarkdownPdf(printedDescriptionMarkdown(summary, description), {
          title: `System description: ${summary.engagement.name}`,
          footer: `${summary.organization.name} · ${description.completeness.text}`,
        }),
    },
  ];
}
