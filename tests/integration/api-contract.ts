import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { NextRequest } from "next/server";
import { afterAll, expect, inject } from "vitest";
import { openApiDocument } from "@/lib/server/api/document";
import { addToContractTally } from "./api-contract-tally";

// Every /api/v1 response a test receives is checked against the OpenAPI document: the status must
// be documented for the operation, a JSON body must match its schema (no undocumented fields),
// and documented headers (ETag, Retry-After) must be sent. Each file adds its count to a file
// named for the run; the global teardown prints the sum (api-contract-tally.ts).

type Json = Record<string, unknown>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const document = openApiDocument() as unknown as Json;
const components = document.components as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();
let validated = 0;

// zod-to-openapi leaves objects open unless the schema was strict; a response field the document
// does not name is drift, so the validator closes every object that lists its properties (but
// not the parts of an allOf, which each list only some of them).
function closed(schema: unknown, open = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closed(item, open));
  if (schema === null || typeof schema !== "object") return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = closed(value, key === "allOf");
  if (!open && copy.properties !== undefined && copy.additionalProperties === undefined)
    copy.additionalProperties = false;
  return copy;
}

function operationOf(method: Method, pathTemplate: string): Json {
  const paths = document.paths as Record<string, Json | undefined>;
  const operation = paths[pathTemplate]?.[method.toLowerCase()] as Json | undefined;
  if (!operation) throw new Error(`The OpenAPI document has no ${method} ${pathTemplate}.`);
  return operation;
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...(closed(schema) as Json), components: closed(components) });
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Checks a response against the document's operation and returns its JSON body (null when the
 * documented content is not JSON, such as a file download).
 */
export async function expectResponseMatches<T = unknown>(
  method: Method,
  pathTemplate: string,
  response: Response,
): Promise<T> {
  const responses = operationOf(method, pathTemplate).responses as Record<string, Json>;
  const documented = responses[String(response.status)];
  if (!documented)
    throw new Error(
      `${method} ${pathTemplate} answered ${response.status}, which the document does not list (${Object.keys(responses).join(", ")}).`,
    );
  for (const header of Object.keys((documented.headers as Json | undefined) ?? {}))
    expect(response.headers.get(header), `${header} of ${method} ${pathTemplate}`).not.toBeNull();
  const content = (documented.content as Record<string, Json> | undefined) ?? {};
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (Object.keys(content).length === 0) {
    expect(await response.clone().text(), `${method} ${pathTemplate} has no body`).toBe("");
    validated += 1;
    return null as T;
  }
  const media = content[type] ?? (type.startsWith("application/json") ? undefined : content["*/*"]);
  if (!media)
    throw new Error(
      `${method} ${pathTemplate} ${response.status} sent ${type || "no content type"}; the document lists ${Object.keys(content).join(", ")}.`,
    );
  if (type !== "application/json") {
    validated += 1;
    return null as T;
  }
  const body: unknown = await response.clone().json();
  const validate = validatorFor(`${method} ${pathTemplate} ${response.status}`, media.schema);
  if (!validate(body))
    throw new Error(
      `${method} ${pathTemplate} ${response.status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
  validated += 1;
  return body as T;
}

afterAll(() => {
  if (validated === 0) return;
  const file = path.basename(expect.getState().testPath ?? "unknown");
  addToContractTally(inject("assayTestDatabase").runId, { file, validated });
});

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

type Call<P> = {
  /** The bearer secret; none sends no Authorization header. */
  secret?: string;
  /** Values of the template's {segments}. */
  params?: P;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body (sent with Content-Type: application/json), or raw bytes/FormData as is. */
  json?: unknown;
  body?: BodyInit;
};

/**
 * Calls a /api/v1 route handler the way a client would and checks the answer against the
 * document: `callApi(GET, "GET", "/api/v1/engagements/{engagementId}", { secret, params })`. The
 * body has been validated; cast it to the shape the test reads.
 */
export async function callApi<P extends Record<string, string>>(
  handler: Handler<P>,
  method: Method,
  pathTemplate: string,
  call: Call<P> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const params = call.params ?? ({} as P);
  const path = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value: string | undefined = params[name];
    if (value === undefined) throw new Error(`callApi: no value for {${name}}.`);
    return encodeURIComponent(value);
  });
  const url = new URL(`http://localhost${path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers(call.headers);
  if (call.secret) headers.set("authorization", `Bearer ${call.secret}`);
  let body = call.body;
  if (call.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(call.json);
  }
  const request = new NextRequest(url, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(params) });
  const parsed = await expectResponseMatches(method, pathTemplate, response);
  return { status: response.status, headers: response.headers, body: parsed };
}
