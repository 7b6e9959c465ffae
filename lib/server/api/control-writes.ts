import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ControlDetail } from "@/lib/db/controls";
import {
  CONTROL_FREQUENCIES,
  CONTROL_NATURES,
  CONTROL_STATUSES,
  type ControlFrequency,
  type ControlNature,
  type ControlStatus,
} from "@/lib/domain/controls";
import { ControlInput, ControlMappingSet } from "@/lib/schemas/control";
import { BEARER, errorResponses, IfMatchHeader, ok } from "./conventions";

// Writes of /api/v1/controls: create, update (If-Match) and the requirements a control maps to.
// The handlers (app/api/v1/controls/…) call the same lib/db functions as the control form and
// the mapping picker, with these schemas built from the form's own (lib/schemas/control.ts).

const dateTime = z.string().meta({ format: "date-time" });

/** The control form's fields, as JSON: `key` is a boolean rather than a checkbox's "on". */
export const ControlCreateInput = ControlInput.extend({
  key: z.boolean({ error: "Send true or false." }).default(false),
}).meta({
  id: "ControlCreateInput",
  description:
    "graceDays left out: the organisation's default. ownerId: a member's user id, or null.",
});

/** An update sends only the fields it changes; the others keep their current values. */
export const ControlUpdateInput = ControlCreateInput.partial().meta({
  id: "ControlUpdateInput",
  description: "Only the fields sent change.",
});

export const ControlMappingsInput = ControlMappingSet.meta({
  id: "ControlMappingsInput",
  description:
    "Criterion ids (edition:code, e.g. TSC2017:CC6.1) and the organisation's objective ids.",
});

export const ControlWritten = z
  .object({
    id: z.string(),
    ref: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(CONTROL_STATUSES),
    frequency: z.enum(CONTROL_FREQUENCIES),
    nature: z.enum(CONTROL_NATURES),
    key: z.boolean(),
    graceDays: z.number().int(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    criterionIds: z.array(z.string()),
    objectiveIds: z.array(z.string()),
    version: z.number().int().meta({ description: "Also sent as the ETag." }),
    updatedAt: dateTime,
  })
  .meta({ id: "Control" });

export const ControlBody = z.object({ data: ControlWritten });

export const ControlMappings = z
  .object({ criterionIds: z.array(z.string()), objectiveIds: z.array(z.string()) })
  .meta({ id: "ControlMappings" });
export const ControlMappingsBody = z.object({ data: ControlMappings });

export function controlOut(control: ControlDetail): z.input<typeof ControlWritten> {
  return {
    id: control.id,
    ref: control.ref,
    title: control.title,
    description: control.description,
    status: control.status as ControlStatus,
    frequency: control.frequency as ControlFrequency,
    nature: control.nature as ControlNature,
    key: control.key,
    graceDays: control.graceDays,
    owner: control.owner,
    criterionIds: [...control.criterionIds].sort(),
    objectiveIds: [...control.objectiveIds].sort(),
    version: control.version,
    updatedAt: control.updatedAt.toISOString(),
  };
}

/** The current values of the form's fields, to which an update's sent fields are applied. */
export function controlFields(control: ControlDetail): Record<string, unknown> {
  return {
    ref: control.ref,
    title: control.title,
    description: control.description,
    ownerId: control.ownerId,
    status: control.status,
    frequency: control.frequency,
    nature: control.nature,
    key: control.key,
    graceDays: control.graceDays,
  };
}

const ControlParams = z.object({
  controlId: z.string().meta({ description: "The control's id." }),
});
const MappingParams = ControlParams.extend({
  requirementId: z.string().meta({ description: "A criterion id or an objective id." }),
});
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const security = [{ [BEARER]: [] }];
const tags = ["Controls"];

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/v1/controls",
    tags,
    summary: "Create a control",
    description:
      "Editor tokens only. A token limited to engagements cannot create controls (403): the new control would be outside them.",
    security,
    request: { body: json(ControlCreateInput) },
    responses: {
      201: ok(ControlBody, "The new control.", true),
      ...errorResponses(400, 403, 409, 413),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/controls/{controlId}",
    tags,
    summary: "Update a control",
    description:
      'Send If-Match: "<version>" with the ETag the control was read with; a control changed since answers 412.',
    security,
    request: { params: ControlParams, headers: IfMatchHeader, body: json(ControlUpdateInput) },
    responses: {
      200: ok(ControlBody, "The control as saved.", true),
      ...errorResponses(400, 403, 404, 409, 412, 413, 428),
    },
  });
  const mappingWrite = (method: "put" | "post", summary: string, description: string) =>
    registry.registerPath({
      method,
      path: "/api/v1/controls/{controlId}/mappings",
      tags,
      summary,
      description,
      security,
      request: { params: ControlParams, body: json(ControlMappingsInput) },
      responses: {
        200: ok(ControlMappingsBody, "The requirements the control maps to now."),
        ...errorResponses(400, 403, 404, 413),
      },
    });
  mappingWrite(
    "put",
    "Replace a control's mappings",
    "The control maps to exactly these requirements afterwards (for a token limited to engagements: of those engagements' requirements; its other mappings stay).",
  );
  mappingWrite("post", "Add mappings", "Adds these requirements; the control keeps its others.");
  registry.registerPath({
    method: "delete",
    path: "/api/v1/controls/{controlId}/mappings/{requirementId}",
    tags,
    summary: "Remove a mapping",
    security,
    request: { params: MappingParams },
    responses: {
      200: ok(ControlMappingsBody, "The requirements the control maps to now."),
      // 400: for a token limited to engagements, a requirement outside them.
      ...errorResponses(400, 403, 404),
    },
  });
}
