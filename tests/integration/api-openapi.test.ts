import { compileErrors, validate } from "@readme/openapi-parser";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { openApiDocument } from "@/lib/server/api/document";
import { expectResponseMatches } from "./api-contract";

// The OpenAPI document itself: valid OpenAPI 3.1 by a well-kept parser, served without a token.

describe("the /api/v1 OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(openApiDocument()) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(openApiDocument().openapi).toBe("3.1.0");
  });

  it("documents every operation with bearer security, the error contract and a 2xx", () => {
    const paths = openApiDocument().paths ?? {};
    expect(Object.keys(paths)).toContain("/api/v1/engagements/{engagementId}");
    for (const [path, item] of Object.entries(paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"] as const) {
        const operation = item?.[method];
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.security, where).toEqual([{ bearerAuth: [] }]);
        const statuses = Object.keys(operation.responses ?? {});
        expect(
          statuses.some((status) => status.startsWith("2")),
          where,
        ).toBe(true);
        expect(statuses, where).toEqual(expect.arrayContaining(["401", "429", "500"]));
      }
    }
  });

  it("is served at GET /api/v1/openapi.json without a token", async () => {
    const response = openApiRoute();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is what API tests are held to: an undocumented field, status or missing header fails", async () => {
    const summary = {
      id: "cabcdefghijklmnopqrstuvwx",
      name: "SOC 2",
      family: "SOC2",
      type: "TYPE_II",
      asOfDate: null,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      categories: [],
      archived: false,
    };
    const page = (data: unknown) => Response.json({ data, nextCursor: null });
    await expectResponseMatches("GET", "/api/v1/engagements", page([summary]));
    await expect(
      expectResponseMatches("GET", "/api/v1/engagements", page([{ ...summary, secret: "x" }])),
    ).rejects.toThrow(/does not match the document/);
    await expect(
      expectResponseMatches("GET", "/api/v1/engagements", page([{ ...summary, family: "SOC3" }])),
    ).rejects.toThrow(/does not match the document/);
    await expect(
      expectResponseMatches("GET", "/api/v1/engagements", Response.json({}, { status: 418 })),
    ).rejects.toThrow(/does not list/);
    await expect(
      expectResponseMatches(
        "GET",
        "/api/v1/engagements/{engagementId}",
        Response.json({ data: { ...summary } }),
      ),
    ).rejects.toThrow(/ETag/);
    await expect(expectResponseMatches("GET", "/api/v1/nothing", page([]))).rejects.toThrow(
      /has no GET/,
    );
  });

  it("names each component once: no two exported schemas of lib/server/api share a meta id", async () => {
    const dir = path.join(process.cwd(), "lib/server/api");
    const owners = new Map<string, { schema: unknown; where: string[] }>();
    for (const file of (await readdir(dir)).filter((name) => name.endsWith(".ts"))) {
      const module = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(module)) {
        if (!(value instanceof z.ZodType)) continue;
        const id = (z.globalRegistry.get(value) as { id?: unknown } | undefined)?.id;
        if (typeof id !== "string") continue;
        const owner = owners.get(id) ?? { schema: value, where: [] };
        owner.where.push(`${file}:${name}`);
        if (owner.schema !== value) owner.schema = null;
        owners.set(id, owner);
      }
    }
    const shared = [...owners].filter(([, owner]) => owner.schema === null);
    expect(shared.map(([id, owner]) => `${id}: ${owner.where.join(", ")}`)).toEqual([]);
    expect(owners.size).toBeGreaterThan(10);
  });
});
