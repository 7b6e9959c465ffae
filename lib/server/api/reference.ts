import "server-only";
import { openApiDocument } from "./document";

// The API reference page's data, read from the OpenAPI document itself (so the page cannot say
// anything the document does not): operations grouped by tag, with their parameters and
// responses, and the named schemas with their fields, as plain DTOs for components/api-reference.

export type ReferenceParameter = {
  name: string;
  location: string;
  required: boolean;
  type: string;
  description: string;
};

export type ReferenceResponse = { status: string; description: string; body: string | null };

export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ReferenceParameter[];
  requestBody: string | null;
  responses: ReferenceResponse[];
};

export type ReferenceField = {
  name: string;
  required: boolean;
  type: string;
  description: string;
};

export type ReferenceSchema = { name: string; description: string; fields: ReferenceField[] };

export type ApiReference = {
  title: string;
  description: string;
  groups: { tag: string; operations: ReferenceOperation[] }[];
  schemas: ReferenceSchema[];
};

type Json = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const objectAt = (value: unknown, key: string): Json => {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : {};
};

/**
 * A schema in a few words: "string (date) or null", "array of EngagementSummary", "one of a, b",
 * "{ data: array of Control, nextCursor: string or null }" (objects spelled out `depth` levels).
 */
export function typeLabel(schema: unknown, depth = 2): string {
  if (!isObject(schema)) return "any";
  const ref = text(schema.$ref);
  if (ref) return ref.split("/").at(-1) ?? ref;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(", ")}`;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const parts = schema[key];
    if (Array.isArray(parts))
      return parts.map((part) => typeLabel(part, depth)).join(key === "allOf" ? " and " : " or ");
  }
  const types = Array.isArray(schema.type) ? schema.type.map(String) : [text(schema.type)];
  const labels = types.filter(Boolean).map((type) => {
    if (type === "array") return `array of ${typeLabel(schema.items, depth)}`;
    if (type === "object") {
      const properties = Object.entries(objectAt(schema, "properties"));
      if (properties.length === 0 || depth === 0) return "object";
      return `{ ${properties.map(([name, field]) => `${name}: ${typeLabel(field, depth - 1)}`).join(", ")} }`;
    }
    const format = type === "string" ? text(schema.format) || text(schema.contentMediaType) : "";
    const range =
      typeof schema.minimum === "number" && typeof schema.maximum === "number"
        ? `, ${schema.minimum}–${schema.maximum}`
        : "";
    return `${type}${format ? ` (${format})` : ""}${range}`;
  });
  return labels.length > 0 ? labels.join(" or ") : "any";
}

function bodyLabel(content: unknown): string | null {
  if (!isObject(content)) return null;
  const types = Object.entries(content);
  if (types.length === 0) return null;
  return types
    .map(([type, media]) => {
      const schema = objectAt(media, "schema");
      return type === "application/json" ? typeLabel(schema) : type;
    })
    .join(" or ");
}

function fieldsOf(schema: Json): ReferenceField[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(objectAt(schema, "properties")).map(([name, field]) => ({
    name,
    required: required.has(name),
    type: typeLabel(field),
    description: isObject(field) ? text(field.description) : "",
  }));
}

/** The document as the reference page shows it. */
export function apiReference(): ApiReference {
  const document = openApiDocument() as unknown as Json;
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, item] of Object.entries(objectAt(document, "paths"))) {
    for (const method of METHODS) {
      const operation = objectAt(item, method);
      if (Object.keys(operation).length === 0) continue;
      const tags = Array.isArray(operation.tags) ? operation.tags.map(String) : [];
      const tag = tags[0] ?? "Other";
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : [])
        .filter(isObject)
        .map((parameter) => ({
          name: text(parameter.name),
          location: text(parameter.in),
          required: parameter.required === true,
          type: typeLabel(parameter.schema),
          description: text(parameter.description),
        }));
      const responses = Object.entries(objectAt(operation, "responses")).map(
        ([status, response]) => ({
          status,
          description: isObject(response) ? text(response.description) : "",
          body: bodyLabel(objectAt(response, "content")),
        }),
      );
      const entry: ReferenceOperation = {
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-$/, ""),
        method: method.toUpperCase(),
        path,
        summary: text(operation.summary),
        description: text(operation.description),
        parameters,
        requestBody: bodyLabel(objectAt(objectAt(operation, "requestBody"), "content")),
        responses,
      };
      groups.set(tag, [...(groups.get(tag) ?? []), entry]);
    }
  }
  const schemas = Object.entries(objectAt(objectAt(document, "components"), "schemas"))
    .filter((entry): entry is [string, Json] => isObject(entry[1]))
    .map(([name, schema]) => ({
      name,
      description: text(schema.description),
      fields: fieldsOf(schema),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const info = objectAt(document, "info");
  return {
    title: text(info.title),
    description: text(info.description),
    groups: [...groups].map(([tag, operations]) => ({ tag, operations })),
    schemas,
  };
}
