import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  pageContentSecurityPolicy,
  pathKind,
  ROUTE_CONTENT_SECURITY_POLICY,
  strictTransportSecurity,
} from "@/lib/server/security-headers";

const APP = path.resolve(__dirname, "../../app");

/** Every file under app/ named `name`, as the URL it serves (dynamic segments filled in). */
function urlsOf(name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Route groups "(name)" and parallel slots "@name" are not part of the URL.
      if (entry.isDirectory())
        walk(
          path.join(dir, entry.name),
          /^[(@]/.test(entry.name) ? segments : [...segments, entry.name],
        );
      else if (entry.name === name)
        found.push(
          `/${segments.map((segment) => (segment.startsWith("[...") ? "a/b" : segment.startsWith("[") ? "x1" : segment)).join("/")}`,
        );
    }
  };
  walk(APP, []);
  return found;
}

describe("pathKind", () => {
  it("knows every route handler as a route (next-auth's as auth)", () => {
    const routes = urlsOf("route.ts");
    expect(routes.length).toBeGreaterThan(10);
    for (const url of routes)
      expect(pathKind(url), url).toBe(url.startsWith("/api/auth/") ? "auth" : "route");
  });

  it("knows every page as a page", () => {
    const pages = urlsOf("page.tsx").map((url) => (url === "/" ? url : url.replace(/\/$/, "")));
    expect(pages.length).toBeGreaterThan(20);
    for (const url of pages) expect(pathKind(url), url).toBe("page");
  });

  it("treats the app's files served as routes as routes", () => {
    expect(pathKind("/icon.svg")).toBe("route");
    expect(pathKind("/favicon.ico")).toBe("route");
  });
});

describe("policies", () => {
  it("gives pages a nonce and no 'unsafe-inline' for scripts", () => {
    const policy = pageContentSecurityPolicy("abc123==", false);
    const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scripts).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(pageContentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
  });

  it("sandboxes route handlers' responses", () => {
    expect(ROUTE_CONTENT_SECURITY_POLICY).toMatch(/^sandbox; default-src 'none'/);
  });

  it("sends HSTS for a year only when APP_URL is https", () => {
    expect(strictTransportSecurity("https://assay.example.com")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(strictTransportSecurity(" HTTPS://assay.example.com/ ")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});
