import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { BEARER, errorResponses, ok, pageOf, PageQuery } from "./conventions";
import { EngagementParams } from "./engagements";
import { ExportRun } from "./export-writes";

// An engagement's export runs, newest first, as the exports page lists them
// (lib/db/exports.ts listExportRuns). Starting, polling and downloading are in export-writes.ts.

const EXPORT_STATES = ["running", "done", "failed", "interrupted"] as const;

export const ExportListQuery = PageQuery.extend({
  state: z
    .enum(EXPORT_STATES, { error: `Send one of ${EXPORT_STATES.join(", ")}.` })
    .optional()
    .meta({ description: "Only runs in this state." }),
});
export const ExportPage = pageOf(ExportRun);

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/exports",
    tags: ["Exports"],
    summary: "An engagement's export runs",
    description: "Newest first; the newest 50.",
    security: [{ [BEARER]: [] }],
    request: { params: EngagementParams, query: ExportListQuery },
    responses: { 200: ok(ExportPage, "A page of export runs."), ...errorResponses(400, 403, 404) },
  });
}
