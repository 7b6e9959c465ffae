import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PopulationEventInput } from "@/lib/schemas/evidence";
import { BEARER, errorResponses, ok } from "./conventions";
import { PopulationEvent } from "./records";

// Writes of an event-driven control's population (the occurrences an auditor samples from):
// add one event, remove one. The handlers call lib/db/population.ts, as the control page does.

export const PopulationEventCreateInput = PopulationEventInput.omit({ controlId: true }).meta({
  id: "PopulationEventCreateInput",
  description: "reference is unique within the control's population (a ticket number, an id…).",
});

/** A new event answers in the shape the population lists use (./records.ts). */
export const PopulationEventBody = z.object({ data: PopulationEvent });

const security = [{ [BEARER]: [] }];
const tags = ["Population events"];

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/controls/{controlId}/population-events",
    tags,
    summary: "Add a population event",
    description: "Editor tokens only; event-driven controls only (400 for the others).",
    security,
    request: {
      params: z.object({ controlId: z.string().meta({ description: "The control's id." }) }),
      body: { content: { "application/json": { schema: PopulationEventCreateInput } } },
    },
    responses: {
      201: ok(PopulationEventBody, "The new event."),
      ...errorResponses(400, 403, 404, 409, 413),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/population-events/{eventId}",
    tags,
    summary: "Remove a population event",
    description: "Editor tokens only. Evidence attached to the event stays, no longer tied to it.",
    security,
    request: {
      params: z.object({ eventId: z.string().meta({ description: "The event's id." }) }),
    },
    responses: { 204: { description: "Removed." }, ...errorResponses(403, 404) },
  });
}
