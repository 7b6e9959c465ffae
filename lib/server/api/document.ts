import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerConventions } from "./conventions";
import * as controlRecords from "./control-records";
import * as controlWrites from "./control-writes";
import * as engagements from "./engagements";
import * as evidenceWrites from "./evidence-writes";
import * as readiness from "./readiness";
import * as records from "./records";
import * as requests from "./requests";
import * as exceptionWrites from "./exception-writes";
import * as exportWrites from "./export-writes";
import * as exportRuns from "./exports";
import * as populationWrites from "./population-writes";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate
// with. A resource module exports its schemas and `register(registry)`; list it here, one line.
const MODULES: { register: (registry: OpenAPIRegistry) => void }[] = [
  engagements,
  readiness,
  records,
  requests,
  controlRecords,
  controlWrites,
  populationWrites,
  exceptionWrites,
  exportWrites,
  exportRuns,
  evidenceWrites,
];

type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registerConventions(registry);
  for (const resource of MODULES) resource.register(registry);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Assay API",
      version: "1",
      description:
        'Read readiness and push evidence with an organisation\'s API token (Authorization: Bearer assay_…). Lists page with ?limit=&cursor= and answer { data, nextCursor }; single resources carry ETag: "<version>" and updates need If-Match with it. Errors answer { error: { code, message, fieldErrors } }.',
    },
  });
  return cached;
}
