import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ApiReferencePage from "@/app/docs/api/page";
import { openApiDocument } from "@/lib/server/api/document";
import { typeLabel } from "@/lib/server/api/reference";

// /docs/api: the reference page shows every operation and schema of the OpenAPI document.

const html = renderToStaticMarkup(ApiReferencePage() as ReactElement);
const escaped = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("'", "&#x27;")
    .replaceAll('"', "&quot;");
/** Whether the page holds `fragment` (a boolean, so a failure does not print the whole page). */
const shows = (fragment: string): boolean => html.includes(fragment);

describe("the API reference page", () => {
  it("shows every operation of the document with its summary, parameters and statuses", () => {
    const paths = openApiDocument().paths ?? {};
    let operations = 0;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"] as const) {
        const operation = item?.[method];
        if (!operation) continue;
        operations += 1;
        const label = `${method.toUpperCase()} ${path}`;
        expect(shows(`aria-label="Responses of ${escaped(label)}"`), label).toBe(true);
        if (operation.summary) expect(shows(escaped(operation.summary)), label).toBe(true);
        for (const status of Object.keys(operation.responses ?? {}))
          expect(
            shows(`<td class="border-b border-slate-100 px-4 py-2 align-top">${status}</td>`),
            `${label} ${status}`,
          ).toBe(true);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(10);
    expect(shows('<code class="text-xs">cursor</code>')).toBe(true);
    expect(shows('href="/api/v1/openapi.json"')).toBe(true);
  });

  it("shows every named schema with its fields, and links schema names in types", () => {
    const schemas = openApiDocument().components?.schemas ?? {};
    for (const name of Object.keys(schemas)) expect(shows(`id="schema-${name}"`), name).toBe(true);
    expect(shows('aria-label="Fields of EngagementSummary"')).toBe(true);
    expect(shows('href="#schema-EngagementSummary"')).toBe(true);
  });
});

describe("typeLabel", () => {
  it("says a schema's type in a few words", () => {
    expect(typeLabel({ type: ["string", "null"], format: "date" })).toBe("string (date) or null");
    expect(
      typeLabel({
        type: "object",
        properties: { data: { type: "array", items: { $ref: "#/components/schemas/Control" } } },
      }),
    ).toBe("{ data: array of Control }");
    expect(typeLabel({ type: "array", items: { $ref: "#/components/schemas/Control" } })).toBe(
      "array of Control",
    );
    expect(typeLabel({ type: "string", enum: ["a", "b"] })).toBe("one of a, b");
    expect(typeLabel({ type: "integer", minimum: 1, maximum: 200 })).toBe("integer, 1–200");
  });
});
