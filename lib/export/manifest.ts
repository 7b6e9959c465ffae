// manifest.json of an evidence pack: what the pack is (organisation, engagement, readiness at
// generation) and every other file in it with its SHA-256 and size, so anyone can check the pack
// was not altered after it left Assay (`npm run pack:verify`).
//
// It is plain JSON laid out one file per line, `files` last:
//   {"format":"assay-evidence-pack","version":1,…,"readiness":{…},"files":[
//   {"path":"summary.pdf","sha256":"…","size":1234,"kind":"summary"},
//   {"path":"controls/AC-01 Quarterly access review/2026-03-28 access-review.pdf",…}
//   ]}
// so the writer can append entries as it goes and a reader can take them one line at a time.
import { z } from "zod";
import type { EvidencePurpose } from "@/lib/domain/evidence";
import type { ExportSummary } from "@/lib/domain/export/types";
import type { EvidenceWindow } from "@/lib/domain/readiness/engine";
import { isSafeArchivePath } from "./pack-paths";

export const PACK_FORMAT = "assay-evidence-pack";
export const PACK_VERSION = 1;
export const MANIFEST_PATH = "manifest.json";

const PACK_ENTRY_KINDS = [
  "summary",
  "matrix",
  "evidence-file",
  "evidence-note",
  "evidence-link",
  "request-list",
  "description",
] as const;

export type ManifestEvidence = {
  evidenceId: string;
  title: string;
  purpose: EvidencePurpose;
  /** Control refs the evidence is linked to (it appears in each of their folders). */
  controls: string[];
  requirements: string[];
  effectiveDate: string;
  coverageEnd: string | null;
  window: EvidenceWindow;
  /** Who recorded the evidence in Assay (the person's name at export). */
  uploadedBy: string;
  /** When it was recorded in Assay (ISO timestamp, UTC), next to the date it is effective for. */
  recordedAt: string;
};

type EntryBytes = { path: string; sha256: string; size: number };
export type ManifestEntry =
  | (EntryBytes & { kind: "summary" | "matrix" | "request-list" | "description" })
  | (EntryBytes & { kind: "evidence-file" | "evidence-note" | "evidence-link" } & ManifestEvidence);

export type ManifestHeader = {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  generatedAt: string;
  /** The activity log's head at export, with its checkpoint (see lib/schemas/activity-heads.ts). */
  activityHead: ExportSummary["activityHead"];
  organization: { name: string; slug: string };
  engagement: {
    id: string;
    name: string;
    family: string;
    familyLabel: string;
    type: string;
    typeLabel: string;
    asOfDate: string | null;
    periodStart: string | null;
    periodEnd: string | null;
    criteriaEdition: string;
    scope: {
      categories: string[];
      objectives: { ref: string; title: string; area: string }[];
      subservices: { name: string; services: string; method: string }[];
    };
  };
  readiness: ExportSummary["figures"] & { today: string };
};

export function manifestHeader(summary: ExportSummary): ManifestHeader {
  const { engagement } = summary;
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    generatedAt: summary.generatedAt,
    activityHead: summary.activityHead,
    organization: { name: summary.organization.name, slug: summary.organization.slug },
    engagement: {
      id: engagement.id,
      name: engagement.name,
      family: engagement.family,
      familyLabel: engagement.familyLabel,
      type: engagement.type,
      typeLabel: engagement.typeLabel,
      asOfDate: engagement.asOfDate,
      periodStart: engagement.periodStart,
      periodEnd: engagement.periodEnd,
      criteriaEdition: engagement.criteriaEdition,
      scope: {
        categories: engagement.categories,
        objectives: engagement.objectives,
        subservices: engagement.subservices.map(({ name, services, method }) => ({
          name,
          services,
          method,
        })),
      },
    },
    readiness: { today: summary.today, ...summary.figures },
  };
}

/** The first line: the header with `files` opened last. */
export function manifestOpening(header: ManifestHeader): string {
  return `${JSON.stringify(header).slice(0, -1)},"files":[\n`;
}

/** Entries are separated by ",\n"; the list closes on its own line. */
export const ENTRY_SEPARATOR = ",\n";
export function manifestClosing(entries: number): string {
  return entries > 0 ? "\n]}\n" : "]}\n";
}

// Reading: only what verification relies on is required; everything else passes through.
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a lowercase hex SHA-256");

export const ManifestHeaderInput = z.looseObject({
  format: z.literal(PACK_FORMAT),
  version: z.number(),
  generatedAt: z.string(),
  engagement: z.looseObject({ name: z.string() }),
});
export type ManifestHeaderInput = z.infer<typeof ManifestHeaderInput>;

export const ManifestEntryInput = z.looseObject({
  path: z
    .string()
    .refine(
      (path) => isSafeArchivePath(path) && path !== MANIFEST_PATH,
      "not a safe relative path",
    ),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  kind: z.enum(PACK_ENTRY_KINDS),
});
