import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { EvidenceRow } from "@/lib/db/evidence";
import type { PopulationEventRow } from "@/lib/db/population";
import { BEARER, errorResponses, ok } from "./conventions";
import {
  EvidenceListQuery,
  EvidencePage,
  evidenceOut,
  ExceptionListQuery,
  ExceptionPage,
  PopulationListQuery,
  PopulationPage,
} from "./records";

// One control's evidence metadata, population events and exceptions, read with the functions
// the control's page uses (listControlEvidence, listPopulation, listControlExceptions), which
// check the organisation and a scoped token's engagements. The same shapes as the engagement
// lists in ./records.ts, without their controlId filter.

export const ControlParams = z.object({
  controlId: z.string().meta({ description: "The control's id." }),
});

export const ControlEvidenceQuery = EvidenceListQuery.omit({ controlId: true });
export const ControlPopulationQuery = PopulationListQuery.omit({ controlId: true });
export const ControlExceptionQuery = ExceptionListQuery.omit({ controlId: true });

/** The control page's evidence rows, filtered as the query asks, as metadata (no note text). */
export function controlEvidenceOut(
  rows: readonly EvidenceRow[],
  query: z.output<typeof ControlEvidenceQuery>,
) {
  return rows
    .filter(
      (row) =>
        (query.kind === undefined || row.kind === query.kind) &&
        (query.purpose === undefined || row.purpose === query.purpose) &&
        (query.effectiveFrom === undefined || row.effectiveDate >= query.effectiveFrom) &&
        (query.effectiveTo === undefined || row.effectiveDate <= query.effectiveTo),
    )
    .map(evidenceOut);
}

export function controlPopulationOut(
  controlId: string,
  rows: readonly PopulationEventRow[],
  query: z.output<typeof ControlPopulationQuery>,
) {
  return rows
    .filter(
      (row) =>
        (query.from === undefined || row.date >= query.from) &&
        (query.to === undefined || row.date <= query.to),
    )
    .map((row) => ({ ...row, controlId }));
}

const security = [{ [BEARER]: [] }];

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/controls/{controlId}/evidence",
    tags: ["Evidence"],
    summary: "A control's evidence metadata",
    description: "Newest effective date first. Metadata only: no note text, no file bytes.",
    security,
    request: { params: ControlParams, query: ControlEvidenceQuery },
    responses: { 200: ok(EvidencePage, "A page of evidence."), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/controls/{controlId}/population-events",
    tags: ["Population events"],
    summary: "An event-driven control's population",
    description: "Oldest first; empty for a control that is not event-driven.",
    security,
    request: { params: ControlParams, query: ControlPopulationQuery },
    responses: { 200: ok(PopulationPage, "A page of events."), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/controls/{controlId}/exceptions",
    tags: ["Exceptions"],
    summary: "A control's exceptions",
    description: "Open first, then newest first.",
    security,
    request: { params: ControlParams, query: ControlExceptionQuery },
    responses: { 200: ok(ExceptionPage, "A page of exceptions."), ...errorResponses(400, 404) },
  });
}
