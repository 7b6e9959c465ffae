import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type {
  After,
  EvidenceMetadata as EvidenceRow,
  ExceptionRecord,
} from "@/lib/db/engagement-records";
import { isIsoDate } from "@/lib/domain/dates";
import {
  EVIDENCE_KINDS,
  EVIDENCE_PURPOSES,
  EXCEPTION_SEVERITIES,
  EXCEPTION_STATUSES,
} from "@/lib/domain/evidence";
import { IdParam } from "@/lib/schemas/text";
import { BEARER, decodeCursor, errorResponses, ok, pageOf, PageQuery } from "./conventions";
import { EngagementParams } from "./engagements";

// The records behind an engagement's readiness, read page by page: evidence metadata (never a
// note's text or a file's bytes), population events and exceptions of the engagement's
// controls (lib/db/engagement-records.ts).

const isoDay = z.string().meta({ format: "date" });
const dayFilter = (description: string) =>
  z
    .string()
    .refine(isIsoDate, "Send a date as YYYY-MM-DD.")
    .optional()
    .meta({ format: "date", description });
const ControlFilter = z
  .string()
  .refine((value) => IdParam.safeParse(value).success, "Send a control's id.")
  .optional()
  .meta({ description: "Only the records of this control (one of the engagement's)." });

/** The keyset position a cursor of these lists carries: the sort date and the last id. */
export function afterOf(cursor: string | undefined): After | undefined {
  if (cursor === undefined) return undefined;
  const [date = "", id = ""] = decodeCursor(cursor, 2);
  return { date, id };
}

/** A stored value of a closed list, as the list's type (the database column is free text). */
function oneOf<T extends string>(values: readonly T[], value: string): T {
  const known = values.find((candidate) => candidate === value);
  if (known === undefined) throw new Error(`Unexpected stored value "${value}"`);
  return known;
}

// ---- Evidence metadata -----------------------------------------------------------------------

export const EvidenceMetadata = z
  .object({
    id: z.string(),
    kind: z.enum(EVIDENCE_KINDS),
    purpose: z.enum(EVIDENCE_PURPOSES),
    title: z.string(),
    url: z.string().nullable().meta({ description: "A link's address." }),
    fileName: z.string().nullable(),
    contentType: z.string().nullable(),
    size: z.number().int().nullable().meta({ description: "A file's size in bytes." }),
    sha256: z.string().nullable().meta({ description: "A file's SHA-256, hex." }),
    effectiveDate: isoDay,
    coverageEnd: isoDay.nullable(),
    eventId: z.string().nullable().meta({ description: "The population event it is for." }),
    slotKey: z.string().nullable().meta({ description: "The occurrence it is for (2026-Q1…)." }),
    uploadedBy: z.string(),
    createdAt: z.string().meta({ format: "date-time" }),
    version: z.number().int(),
    controls: z
      .array(z.object({ id: z.string(), ref: z.string() }))
      .meta({ description: "The controls it supports that the token may see." }),
  })
  .meta({ id: "EvidenceMetadata" });

export const EvidenceListQuery = PageQuery.extend({
  controlId: ControlFilter,
  kind: z.enum(EVIDENCE_KINDS, { error: `Send one of ${EVIDENCE_KINDS.join(", ")}.` }).optional(),
  purpose: z
    .enum(EVIDENCE_PURPOSES, { error: `Send one of ${EVIDENCE_PURPOSES.join(", ")}.` })
    .optional(),
  effectiveFrom: dayFilter("Only evidence effective on or after this day."),
  effectiveTo: dayFilter("Only evidence effective on or before this day."),
});
export const EvidencePage = pageOf(EvidenceMetadata);

export function evidenceOut(row: EvidenceRow): z.input<typeof EvidenceMetadata> {
  return {
    id: row.id,
    kind: oneOf(EVIDENCE_KINDS, row.kind),
    purpose: oneOf(EVIDENCE_PURPOSES, row.purpose),
    title: row.title,
    url: row.url,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    effectiveDate: row.effectiveDate,
    coverageEnd: row.coverageEnd,
    eventId: row.eventId,
    slotKey: row.slotKey,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    controls: row.controls.map(({ id, ref }) => ({ id, ref })),
  };
}

// ---- Population events -----------------------------------------------------------------------

export const PopulationEvent = z
  .object({
    id: z.string(),
    controlId: z.string(),
    date: isoDay,
    reference: z.string(),
    description: z.string(),
    evidenceCount: z.number().int(),
  })
  .meta({ id: "PopulationEvent" });

export const PopulationListQuery = PageQuery.extend({
  controlId: ControlFilter,
  from: dayFilter("Only events on or after this day."),
  to: dayFilter("Only events on or before this day."),
});
export const PopulationPage = pageOf(PopulationEvent);

// ---- Exceptions ------------------------------------------------------------------------------

export const ControlException = z
  .object({
    id: z.string(),
    controlId: z.string(),
    date: isoDay,
    description: z.string(),
    severity: z.enum(EXCEPTION_SEVERITIES),
    status: z.enum(EXCEPTION_STATUSES),
    remediationNote: z.string().nullable(),
    remediatedAt: z.string().nullable().meta({ format: "date-time" }),
    version: z.number().int(),
  })
  .meta({ id: "Exception" });

export const ExceptionListQuery = PageQuery.extend({
  controlId: ControlFilter,
  status: z
    .enum(EXCEPTION_STATUSES, { error: `Send one of ${EXCEPTION_STATUSES.join(", ")}.` })
    .optional(),
});
export const ExceptionPage = pageOf(ControlException);

export function exceptionOut(row: ExceptionRecord): z.input<typeof ControlException> {
  return {
    id: row.id,
    controlId: row.controlId,
    date: row.date,
    description: row.description,
    remediationNote: row.remediationNote,
    version: row.version,
    severity: oneOf(EXCEPTION_SEVERITIES, row.severity),
    status: oneOf(EXCEPTION_STATUSES, row.status),
    remediatedAt: row.remediatedAt?.toISOString() ?? null,
  };
}

const security = [{ [BEARER]: [] }];

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/evidence",
    tags: ["Evidence"],
    summary: "Evidence metadata of an engagement's controls",
    description: "Newest effective date first. Metadata only: no note text, no file bytes.",
    security,
    request: { params: EngagementParams, query: EvidenceListQuery },
    responses: { 200: ok(EvidencePage, "A page of evidence."), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/population-events",
    tags: ["Population events"],
    summary: "Population events of an engagement's controls",
    description: "Oldest first: the occurrences of event-driven controls an auditor samples from.",
    security,
    request: { params: EngagementParams, query: PopulationListQuery },
    responses: { 200: ok(PopulationPage, "A page of events."), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/exceptions",
    tags: ["Exceptions"],
    summary: "Exceptions of an engagement's controls",
    description: "Newest first.",
    security,
    request: { params: EngagementParams, query: ExceptionListQuery },
    responses: { 200: ok(ExceptionPage, "A page of exceptions."), ...errorResponses(400, 404) },
  });
}
