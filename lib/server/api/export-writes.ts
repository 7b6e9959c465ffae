import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ExportRunRow } from "@/lib/db/exports";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS } from "@/lib/domain/export/snapshot";
import { BEARER, errorResponses, ok } from "./conventions";

// Exports through the API: start one (it runs in the background, as from the exports page), poll
// its state, download the file once it is done. lib/db/exports.ts decides who may.

export const ExportStartInput = z
  .object({ format: z.enum(EXPORT_FORMATS, { error: "Choose an export format." }) })
  .meta({ id: "ExportStartInput" });

const dateTime = z.string().meta({ format: "date-time" });

export const ExportRun = z
  .object({
    id: z.string(),
    format: z.enum(EXPORT_FORMATS),
    state: z.enum(["running", "done", "failed", "interrupted"]).meta({
      description:
        "running until done or failed; interrupted: it stopped without saying so (start another).",
    }),
    progressDone: z.number().int(),
    progressTotal: z.number().int().nullable(),
    error: z.string().nullable(),
    fileName: z.string().nullable(),
    size: z.number().int().nullable(),
    sha256: z.string().nullable(),
    manifestSha256: z.string().nullable(),
    readinessPercent: z.number().nullable(),
    createdBy: z.string(),
    createdAt: dateTime,
    finishedAt: dateTime.nullable(),
    sentToAuditorAt: dateTime.nullable(),
  })
  .meta({ id: "ExportRun" });
export const ExportRunBody = z.object({ data: ExportRun });

export function exportRunOut(run: ExportRunRow): z.input<typeof ExportRun> {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    sentToAuditorAt: run.sentToAuditorAt?.toISOString() ?? null,
  };
}

const security = [{ [BEARER]: [] }];
const tags = ["Exports"];
const ExportParams = z.object({ exportId: z.string().meta({ description: "The export's id." }) });

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/engagements/{engagementId}/exports",
    tags,
    summary: "Start an export",
    description:
      "Answers at once; poll the Location (GET /api/v1/exports/{exportId}) until state is done, then download.",
    security,
    request: {
      params: z.object({ engagementId: z.string().meta({ description: "The engagement's id." }) }),
      body: { content: { "application/json": { schema: ExportStartInput } } },
    },
    responses: {
      202: {
        ...ok(ExportRunBody, "Started."),
        headers: { Location: { schema: { type: "string" }, description: "Where to poll it." } },
      },
      ...errorResponses(400, 403, 404, 413),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/exports/{exportId}",
    tags,
    summary: "Get an export's state",
    security,
    request: { params: ExportParams },
    responses: { 200: ok(ExportRunBody, "The export."), ...errorResponses(403, 404) },
  });
  // The JSON export is a document of its own (described in the export's README), the others files.
  const files = Object.fromEntries(
    [...new Set(Object.values(EXPORT_CONTENT_TYPES))].map((type) => [
      type,
      {
        schema:
          type === "application/json"
            ? { type: "object" as const, description: "The engagement as JSON." }
            : { type: "string" as const, contentMediaType: type },
      },
    ]),
  );
  registry.registerPath({
    method: "get",
    path: "/api/v1/exports/{exportId}/download",
    tags,
    summary: "Download a finished export",
    description:
      "Streams the file with its type and name (Content-Disposition); Repr-Digest carries its SHA-256. 409 while it is not done.",
    security,
    request: { params: ExportParams },
    responses: {
      200: {
        description: "The file.",
        headers: {
          "Content-Disposition": {
            schema: { type: "string" },
            description: "attachment; its name.",
          },
        },
        content: files,
      },
      ...errorResponses(403, 404, 409),
    },
  });
}
