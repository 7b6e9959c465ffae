import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { EVIDENCE_PURPOSES } from "@/lib/domain/evidence";
import { FileEvidenceInput, LinkEvidenceInput, NoteEvidenceInput } from "@/lib/schemas/evidence";
import { FormId } from "@/lib/schemas/text";
import { BEARER, errorResponses } from "./conventions";

// Evidence pushed through /api/v1 (a CI job's report, a backup log, a link to a run): a note or
// a link as JSON, a file as multipart or as the raw body with its metadata in headers. The
// fields are the upload form's own schemas (lib/schemas/evidence.ts); the path names the
// control, `alsoControlIds` any other controls the same evidence supports.

function withoutControlIds<T extends { controlIds: unknown }>(shape: T): Omit<T, "controlIds"> {
  const { controlIds, ...rest } = shape;
  void controlIds;
  return rest;
}

const AlsoControlIds = z
  .array(FormId)
  .max(199, "Link the evidence to at most 200 controls.")
  .optional()
  .meta({ description: "Other controls this evidence supports, besides the one in the path." });

export const NoteEvidenceBody = z
  .object({ ...withoutControlIds(NoteEvidenceInput.in.shape), alsoControlIds: AlsoControlIds })
  .meta({ id: "NoteEvidenceInput", description: "A note (Markdown) as evidence." });
export const LinkEvidenceBody = z
  .object({ ...withoutControlIds(LinkEvidenceInput.in.shape), alsoControlIds: AlsoControlIds })
  .meta({ id: "LinkEvidenceInput", description: "A link (https:// or http://) as evidence." });
/** A file's metadata: multipart fields, or (raw body) the X-Evidence-… headers. */
export const FileEvidenceFields = z.object({
  ...withoutControlIds(FileEvidenceInput.in.shape),
  alsoControlIds: AlsoControlIds,
});

/** The control in the path plus `alsoControlIds`, as the form's `controlIds`. */
export function withControls(
  controlId: string,
  fields: { alsoControlIds?: string[] },
): { controlIds: string[] } {
  return { controlIds: [controlId, ...(fields.alsoControlIds ?? [])] };
}

export const EvidenceCreated = z
  .object({
    id: z.string(),
    kind: z.enum(["note", "link", "file"]),
    title: z.string(),
    purpose: z.enum(EVIDENCE_PURPOSES),
    effectiveDate: z.string().meta({ format: "date" }),
    controlIds: z.array(z.string()),
    file: z
      .object({
        name: z.string(),
        contentType: z.string(),
        sha256: z.string(),
        size: z.number().int(),
        reused: z
          .boolean()
          .meta({ description: "The organisation already held these exact bytes (stored once)." }),
      })
      .nullable(),
  })
  .meta({ id: "EvidenceCreated" });
export const EvidenceCreatedBody = z.object({ data: EvidenceCreated });

const security = [{ [BEARER]: [] }];
const tags = ["Evidence"];
const params = z.object({ controlId: z.string().meta({ description: "The control's id." }) });
const idempotency = z.object({
  "idempotency-key": z.string().optional().meta({
    description:
      "Any unique string (a UUID, a CI run id and step). A retry with the same key and request answers the first response and creates nothing; the same key with another request answers 409.",
  }),
});
const created = {
  201: {
    description:
      "The evidence was recorded. A retry with the same Idempotency-Key answers this same body again (with Idempotent-Replayed: true) and records nothing.",
    content: { "application/json": { schema: EvidenceCreatedBody } },
  },
};

const fileHeaders = idempotency.extend({
  "x-evidence-title": z.string().optional().meta({ description: "Raw body: the title." }),
  "x-evidence-purpose": z
    .enum(EVIDENCE_PURPOSES)
    .optional()
    .meta({ description: "Raw body: design or operating." }),
  "x-evidence-effective-date": z.string().optional().meta({ description: "Raw body: YYYY-MM-DD." }),
  "x-evidence-coverage-end": z.string().optional().meta({ description: "Raw body: YYYY-MM-DD." }),
  "x-evidence-slot-key": z.string().optional().meta({ description: "Raw body: e.g. 2026-Q1." }),
  "x-evidence-event-id": z.string().optional().meta({ description: "Raw body: an event's id." }),
  "x-evidence-also-control-ids": z
    .string()
    .optional()
    .meta({ description: "Raw body: other control ids, comma-separated." }),
  "x-evidence-file-name": z
    .string()
    .optional()
    .meta({ description: "Raw body: the file's name (percent-encode non-ASCII, as the title)." }),
});

export function register(registry: OpenAPIRegistry): void {
  for (const [kind, schema] of [
    ["notes", NoteEvidenceBody],
    ["links", LinkEvidenceBody],
  ] as const)
    registry.registerPath({
      method: "post",
      path: `/api/v1/controls/{controlId}/evidence/${kind}`,
      tags,
      summary: kind === "notes" ? "Add a note as evidence" : "Add a link as evidence",
      description:
        "Editor tokens only; a token limited to engagements reaches only their controls.",
      security,
      request: {
        params,
        headers: idempotency,
        body: { content: { "application/json": { schema } } },
      },
      responses: { ...created, ...errorResponses(400, 403, 404, 409, 413) },
    });
  registry.registerPath({
    method: "post",
    path: "/api/v1/controls/{controlId}/evidence/files",
    tags,
    summary: "Upload a file as evidence",
    description:
      'Either multipart/form-data (the fields below first, then the file in a part named "file"), or the file itself as the body with its type as Content-Type and the metadata in X-Evidence-… headers (percent-encode non-ASCII). Streamed to storage; files are stored once per organisation by SHA-256.',
    security,
    request: {
      params,
      headers: fileHeaders,
      body: {
        content: {
          "multipart/form-data": {
            schema: FileEvidenceFields.extend({
              file: z.string().meta({ format: "binary", description: "The file, last." }),
            }),
          },
          "application/octet-stream": {
            schema: z.string().meta({ format: "binary", description: "The file's bytes." }),
          },
        },
      },
    },
    responses: { ...created, ...errorResponses(400, 403, 404, 409, 413) },
  });
}
