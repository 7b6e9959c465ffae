import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

// Any console.error or uncaught page error fails the test, unless the test said it expects it
// (a 404 page logs the failed document load, for example).
type Fixtures = { allowConsoleErrors: (pattern: RegExp) => void };

const watched = new WeakMap<Page, { errors: string[]; allowed: RegExp[] }>();

export function watchConsole(page: Page): void {
  const state = { errors: [] as string[], allowed: [] as RegExp[] };
  watched.set(page, state);
  page.on("console", (message) => {
    if (message.type() === "error") state.errors.push(message.text());
  });
  page.on("pageerror", (error) => state.errors.push(`pageerror: ${error.message}`));
}

export function assertNoConsoleErrors(page: Page): void {
  const state = watched.get(page);
  if (!state) return;
  const unexpected = state.errors.filter(
    (text) => !state.allowed.some((pattern) => pattern.test(text)),
  );
  expect(unexpected, "unexpected console errors").toEqual([]);
}

export function allowOn(page: Page, pattern: RegExp): void {
  watched.get(page)?.allowed.push(pattern);
}

/**
 * Each person browses from an address of their own (a documentation-range IPv6 address, sent
 * as X-Forwarded-For like a reverse proxy would), so the suite's sign-ups do not all count
 * against one per-address sign-up limit.
 */
async function fromOwnNetwork(page: Page): Promise<void> {
  // Rate limits count an IPv6 client by its /64, so the random part is in the first 64 bits.
  const address = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": address });
}

/** A page in a fresh browser context (a second person), watched like the default page. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fromOwnNetwork(page);
  watchConsole(page);
  return page;
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, provide) => {
    await fromOwnNetwork(page);
    watchConsole(page);
    await provide(page);
    assertNoConsoleErrors(page);
  },
  allowConsoleErrors: async ({ page }, provide) => {
    await provide((pattern) => allowOn(page, pattern));
  },
});

export { expect };

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.com`;
}

/** The form-level message (Next's route announcer is also an alert, an empty one). */
export function formAlert(page: Page) {
  return page.locator("form [role=alert]");
}

export const PASSWORD = "correct horse battery staple";

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}
