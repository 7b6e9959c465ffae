import { expect, type Page } from "@playwright/test";

// The demo organisation the end-to-end server seeds (tests/e2e/server.ts runs scripts/prepare.ts),
// and a walk through every page a signed-in person can reach from its pages.

const DEMO_PASSWORD = "assay-demo-password";
export const DEMO = {
  owner: "demo@assay.local",
  viewer: "viewer@assay.local",
  auditor: "auditor@assay.local",
} as const;

export async function signInAsDemo(page: Page, email: string): Promise<string> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/o\/[^/]+/);
  return new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
}

/** Collections whose next path segment is a record (an id or a requirement code). */
const COLLECTIONS = new Set(["engagements", "controls", "objectives", "requirements", "sections"]);
const FIXED = new Set(["new", "import", "export", "starter"]);

/** A path with its record ids and requirement codes left out: one walk stop per route. */
export function routeOf(path: string): string {
  const segments = path.split("/");
  return segments
    .map((segment, index) =>
      index > 0 && COLLECTIONS.has(segments[index - 1]!) && !FIXED.has(segment) ? ":id" : segment,
    )
    .join("/");
}

/** Downloads, API calls and sign-out are not pages to look at. */
function isPage(path: string): boolean {
  return !/(^\/api\/|\/export(\/|$)|\/download(\/|$)|\.(csv|xlsx|pdf|zip|json|ics)$)/.test(path);
}

/**
 * Visits the signed-in person's organisation and every page linked from the pages it finds, one
 * page per route, calling `look` on each once it has loaded. Returns the paths visited.
 */
export async function walkOrganisation(
  page: Page,
  look: (path: string) => Promise<void>,
  limit = 80,
): Promise<string[]> {
  const start = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
  const queue = [start, "/account/security"];
  const seenRoutes = new Set<string>();
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < limit) {
    const path = queue.shift()!;
    const route = routeOf(path);
    if (seenRoutes.has(route)) continue;
    seenRoutes.add(route);
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path}`).toBeLessThan(400);
    visited.push(path);
    await look(path);
    const hrefs = await page
      .locator("a[href]:not([download])")
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin) continue;
      if (!url.pathname.startsWith(start) && !url.pathname.startsWith("/account")) continue;
      if (!isPage(url.pathname) || seenRoutes.has(routeOf(url.pathname))) continue;
      queue.push(url.pathname);
    }
  }
  return visited;
}
