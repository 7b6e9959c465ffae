import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextRequest } from "next/server";
import { SignInInput } from "@/lib/schemas/auth";
import { LinkEvidenceInput, NoteEvidenceInput } from "@/lib/schemas/evidence";
import { PaperworkPdfInput } from "@/lib/schemas/paperwork";
import { UploadMetadata } from "@/lib/schemas/upload";
import { schemaOf, wrapperOf } from "./harness";
import { fieldsOf, type Fields } from "./schema-fields";

// Every endpoint of the app, found on disk: each export of each app/**/actions.ts and each HTTP
// method exported by each app/**/route.ts. A new endpoint is fuzzed without being listed here;
// what cannot be called (an export the registry does not understand) is reported as a problem,
// and the discovery test fails on it; so is a route handler built without our wrappers that is
// not listed as public.

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export type ActionFn = (previous: unknown, formData: unknown) => Promise<unknown>;
export type RouteFn = (
  request: NextRequest,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response> | Response;

/** What the fuzzer knows about a route's input beyond its path. */
export type RouteHint = {
  /** Query parameters the handler reads. */
  query?: Fields;
  /** Fields of a JSON or form body. */
  body?: Fields;
  /** A raw body: file bytes, or a ZIP. */
  raw?: "file" | "zip";
  /** Plausible values of catch-all segments. */
  catchAll?: string[][];
};

export type Segment = { name: string; catchAll: boolean };

type Common = {
  id: string;
  /** Answers anyone (sign-up, password reset, next-auth's route): nobody's call needs refusing. */
  isPublic: boolean;
};

export type Endpoint =
  | (Common & { kind: "action"; fn: ActionFn; fields: Fields })
  | (Common & {
      kind: "route";
      method: string;
      fn: RouteFn;
      pattern: string;
      segments: Segment[];
      hint: RouteHint;
    });

/** Route files whose handlers answer anyone and are built with none of lib/server's wrappers. */
const PUBLIC_ROUTES = new Set([
  "app/api/auth/[...nextauth]/route.ts",
  // The calendar feed: its secret token is the credential (lib/db/calendar-feed.ts).
  "app/api/calendar/[token]/route.ts",
  "app/favicon.ico/route.ts",
  // Single sign-on: anyone may start one; the callback's state is the credential (lib/db/sso.ts).
  "app/api/sso/start/route.ts",
  "app/api/sso/callback/route.ts",
  // The OpenAPI document describes the API and holds no data (lib/server/api/document.ts).
  "app/api/v1/openapi.json/route.ts",
]);

/** Fields of actions not built with a wrapper that records its schema (none today). */
const ACTION_FIELDS: Record<string, Fields> = {};

const text = { kind: "text" } as const;

const ROUTE_HINTS: Record<string, RouteHint> = {
  "app/api/orgs/[orgSlug]/evidence/files/route.ts": {
    query: { ...fieldsOf(UploadMetadata), fileName: text },
    raw: "file",
  },
  "app/api/orgs/[orgSlug]/evidence/[evidenceId]/file/route.ts": {
    query: { inline: { kind: "text", options: ["1", "0"] } },
  },
  "app/api/orgs/[orgSlug]/packs/verify/route.ts": { raw: "zip" },
  "app/api/v1/controls/[controlId]/evidence/notes/route.ts": {
    body: fieldsOf(NoteEvidenceInput) ?? {},
  },
  "app/api/v1/controls/[controlId]/evidence/links/route.ts": {
    body: fieldsOf(LinkEvidenceInput) ?? {},
  },
  "app/api/v1/controls/[controlId]/evidence/files/route.ts": { raw: "file" },
  "app/api/sso/start/route.ts": { query: { callbackUrl: text } },
  "app/api/sso/callback/route.ts": { query: { state: text, code: text, iss: text } },
  "app/o/[orgSlug]/engagements/[engagementId]/paperwork/pdf/route.ts": {
    body: fieldsOf(PaperworkPdfInput) ?? {},
  },
  "app/api/auth/[...nextauth]/route.ts": {
    body: {
      ...fieldsOf(SignInInput),
      csrfToken: text,
      callbackUrl: text,
      json: { kind: "text", options: ["true"] },
    },
    query: { callbackUrl: text, error: text },
    catchAll: [
      ["session"],
      ["csrf"],
      ["providers"],
      ["signin"],
      ["signin", "credentials"],
      ["signout"],
      ["callback", "credentials"],
      ["error"],
      ["_log"],
      ["verify-request"],
    ],
  },
};

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ROUTE_CONFIG = new Set([
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
  "generateStaticParams",
]);

async function filesNamed(dir: string, names: Set<string>): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && names.has(entry.name))
    .map((entry) =>
      path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    )
    .sort();
}

/** The URL path of a route file, with its dynamic segments: app/api/[a]/x/route.ts → /api/[a]/x. */
function routePattern(file: string): { pattern: string; segments: Segment[] } {
  const parts = file
    .split("/")
    .slice(1, -1)
    .filter((part) => !/^\(.*\)$/.test(part));
  const segments = parts
    .filter((part) => part.startsWith("["))
    .map((part) => ({
      name: part.replace(/^\[+(\.\.\.)?|\]+$/g, ""),
      catchAll: part.includes("..."),
    }));
  return { pattern: `/${parts.join("/")}`, segments };
}

export async function discoverEndpoints(): Promise<{ endpoints: Endpoint[]; problems: string[] }> {
  const endpoints: Endpoint[] = [];
  const problems: string[] = [];
  for (const file of await filesNamed("app", new Set(["actions.ts"]))) {
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(module)) {
      const id = `${file}#${name}`;
      if (typeof fn !== "function") {
        problems.push(`${id} is not a function`);
        continue;
      }
      const schema = schemaOf.get(fn as ActionFn);
      const fields = ACTION_FIELDS[id] ?? (schema ? fieldsOf(schema) : null);
      if (!fields) {
        problems.push(
          `${id}: no input schema recorded; build it with a wrapper from lib/server/action.ts or list its fields in ACTION_FIELDS (tests/integration/fuzz/registry.ts)`,
        );
        continue;
      }
      endpoints.push({
        kind: "action",
        id,
        isPublic: wrapperOf.get(fn as ActionFn) === "publicAction",
        fn: fn as ActionFn,
        fields,
      });
    }
  }
  for (const file of await filesNamed("app", new Set(["route.ts"]))) {
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const { pattern, segments } = routePattern(file);
    for (const [name, fn] of Object.entries(module)) {
      const id = `${name} ${pattern}`;
      if (ROUTE_CONFIG.has(name)) continue;
      if (!HTTP_METHODS.has(name) || typeof fn !== "function") {
        problems.push(
          `${file}: export ${name} is neither an HTTP method handler nor route configuration`,
        );
        continue;
      }
      const wrapper = wrapperOf.get(fn as RouteFn);
      if (!wrapper && !PUBLIC_ROUTES.has(file)) {
        problems.push(
          `${file}: ${name} is built with none of lib/server's route wrappers, so nothing checks who is asking; use orgRequestRoute or orgRoute, or list the file in PUBLIC_ROUTES (tests/integration/fuzz/registry.ts) if anyone may call it`,
        );
        continue;
      }
      const schema = schemaOf.get(fn as RouteFn);
      const hint = ROUTE_HINTS[file] ?? (schema ? { body: fieldsOf(schema) ?? {} } : {});
      endpoints.push({
        kind: "route",
        id,
        isPublic: !wrapper,
        method: name,
        fn: fn as RouteFn,
        pattern,
        segments,
        hint,
      });
    }
  }
  return { endpoints, problems };
}
