import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { TSC_CATEGORIES } from "@/lib/domain/catalog";
import { REPORT_FAMILIES, REPORT_TYPES, SUBSERVICE_METHODS } from "@/lib/domain/engagements";
import { BEARER, errorResponses, ok, pageOf, PageQuery } from "./conventions";

// /api/v1/engagements: the engagements a token may see (lib/db/engagements.ts decides).

const isoDay = z.string().meta({ format: "date", example: "2026-06-30" });

export const EngagementSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    family: z.enum(REPORT_FAMILIES),
    type: z.enum(REPORT_TYPES),
    asOfDate: isoDay.nullable().meta({ description: "Type I: the report date." }),
    periodStart: isoDay.nullable().meta({ description: "Type II: the period's first day." }),
    periodEnd: isoDay.nullable().meta({ description: "Type II: the period's last day." }),
    categories: z.array(z.enum(TSC_CATEGORIES)),
    archived: z.boolean(),
  })
  .meta({ id: "EngagementSummary" });

export const EngagementDetail = EngagementSummary.extend({
  criteriaEdition: z.string(),
  version: z.number().int().meta({ description: "Also sent as the ETag." }),
  objectiveIds: z.array(z.string()),
  cuecs: z.array(z.string()),
  userResponsibilities: z.array(z.string()),
  subservices: z.array(
    z.object({
      name: z.string(),
      services: z.string(),
      method: z.enum(SUBSERVICE_METHODS),
      csocs: z.array(z.string()),
    }),
  ),
}).meta({ id: "EngagementDetail" });

export const EngagementListQuery = PageQuery.extend({
  archived: z
    .enum(["exclude", "include"], { error: "Send exclude or include." })
    .default("exclude")
    .meta({ description: "Whether archived engagements are listed (default exclude)." }),
});

export const EngagementPage = pageOf(EngagementSummary);
export const EngagementBody = z.object({ data: EngagementDetail });

export const EngagementParams = z.object({
  engagementId: z.string().meta({ description: "The engagement's id." }),
});

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements",
    tags: ["Engagements"],
    summary: "List engagements",
    description: "The engagements the token may see: all of the organisation's, or its limit.",
    security: [{ [BEARER]: [] }],
    request: { query: EngagementListQuery },
    responses: { 200: ok(EngagementPage, "A page of engagements."), ...errorResponses(400) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}",
    tags: ["Engagements"],
    summary: "Get an engagement",
    security: [{ [BEARER]: [] }],
    request: { params: EngagementParams },
    responses: { 200: ok(EngagementBody, "The engagement.", true), ...errorResponses(404) },
  });
}
