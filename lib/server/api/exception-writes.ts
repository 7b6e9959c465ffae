import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ExceptionRow } from "@/lib/db/exceptions";
import { ExceptionInput, UpdateExceptionInput } from "@/lib/schemas/evidence";
import { BEARER, errorResponses, IfMatchHeader, ok } from "./conventions";
import { ControlException } from "./records";

// Writes of a control's exceptions (deviations): record one, correct one from the version it
// was read at. The handlers call lib/db/exceptions.ts, as the control page's forms do.

export const ExceptionCreateInput = ExceptionInput.omit({ controlId: true }).meta({
  id: "ExceptionCreateInput",
  description: "A new exception is open; the date may not be in the future.",
});

const form = UpdateExceptionInput.shape;
export const ExceptionUpdateInput = z
  .object({
    date: form.date,
    description: form.description,
    severity: form.severity,
    status: form.status,
    remediationNote: form.remediationNote,
  })
  .partial()
  .meta({
    id: "ExceptionUpdateInput",
    description:
      "Only the fields sent change; a remediated exception needs a remediationNote (a blank one is none).",
  });

/** A written exception answers in the shape the exception lists use (./records.ts). */
export const ExceptionBody = z.object({ data: ControlException });

/**
 * The full correction the data layer takes: the exception's current fields with the sent ones
 * applied, checked by the form's own schema (UpdateExceptionInput).
 */
export function exceptionCorrection(
  current: ExceptionRow,
  sent: Record<string, unknown>,
  version: number,
): unknown {
  const fields: Record<string, unknown> = {
    date: current.date,
    description: current.description,
    severity: current.severity,
    status: current.status,
    remediationNote: current.remediationNote ?? undefined,
  };
  for (const field of Object.keys(ExceptionUpdateInput.shape))
    if (Object.hasOwn(sent, field)) fields[field] = sent[field];
  return { ...fields, exceptionId: current.id, version };
}

const security = [{ [BEARER]: [] }];
const tags = ["Exceptions"];
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/controls/{controlId}/exceptions",
    tags,
    summary: "Record an exception",
    description: "Editor tokens only. An open exception keeps its control from being ready.",
    security,
    request: {
      params: z.object({ controlId: z.string().meta({ description: "The control's id." }) }),
      body: json(ExceptionCreateInput),
    },
    responses: {
      201: ok(ExceptionBody, "The new exception.", true),
      ...errorResponses(400, 403, 404, 413),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/exceptions/{exceptionId}",
    tags,
    summary: "Correct an exception",
    description:
      'Send If-Match: "<version>" with the ETag the exception was read with; one changed since answers 412.',
    security,
    request: {
      params: z.object({ exceptionId: z.string().meta({ description: "The exception's id." }) }),
      headers: IfMatchHeader,
      body: json(ExceptionUpdateInput),
    },
    responses: {
      200: ok(ExceptionBody, "The exception as saved.", true),
      ...errorResponses(400, 403, 404, 412, 413, 428),
    },
  });
}
