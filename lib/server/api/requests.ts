import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { RequestRow } from "@/lib/db/auditor-requests";
import { REQUEST_STATES } from "@/lib/domain/request-states";
import { BEARER, errorResponses, ok, pageOf, PageQuery } from "./conventions";
import { EngagementParams } from "./engagements";

// The auditor's requests on an engagement ("please provide the Q2 access review"), as the
// requests page lists them (lib/db/auditor-requests.ts listAuditorRequests).

const dateTime = z.string().meta({ format: "date-time" });

export const AuditorRequest = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    target: z.object({
      kind: z.enum(["requirement", "control"]),
      id: z.string(),
      label: z.string(),
    }),
    body: z.string(),
    status: z.enum(REQUEST_STATES),
    answer: z.string().nullable(),
    createdBy: z.string(),
    createdAt: dateTime,
    closedBy: z.string().nullable(),
    closedAt: dateTime.nullable(),
    evidence: z
      .array(z.object({ id: z.string(), title: z.string() }))
      .meta({ description: "The evidence given in answer." }),
  })
  .meta({ id: "AuditorRequest" });

export const RequestListQuery = PageQuery.extend({
  status: z
    .enum(REQUEST_STATES, { error: `Send one of ${REQUEST_STATES.join(", ")}.` })
    .optional()
    .meta({ description: "answered also lists accepted ones, as the requests page does." }),
});
export const RequestPage = pageOf(AuditorRequest);

export function requestOut({
  engagementName: _engagementName,
  ...row
}: RequestRow): z.input<typeof AuditorRequest> {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/requests",
    tags: ["Auditor requests"],
    summary: "Auditor requests on an engagement",
    description: "Open first, newest first; the newest 500.",
    security: [{ [BEARER]: [] }],
    request: { params: EngagementParams, query: RequestListQuery },
    responses: { 200: ok(RequestPage, "A page of requests."), ...errorResponses(400, 404) },
  });
}
