import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// The API reference and the OpenAPI document it is drawn from, signed out, on the production
// build: the page lists the operations the document has, and has no serious accessibility issue.

test("the API reference shows the document's operations to anyone, and links the document", async ({
  page,
  request,
}) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { summary?: string }>>;
  };
  expect(document.openapi).toBe("3.1.0");
  expect(document.paths["/api/v1/engagements/{engagementId}/readiness"]?.get).toBeDefined();

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The OpenAPI document" })).toHaveAttribute(
    "href",
    "/api/v1/openapi.json",
  );
  await expect(
    page.getByRole("table", {
      name: "Responses of GET /api/v1/engagements/{engagementId}/readiness",
    }),
  ).toBeVisible();
  await page
    .getByRole("navigation", { name: "Resources" })
    .getByRole("link", { name: "Schemas" })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Schemas" })).toBeInViewport();
  await expect(page.getByRole("table", { name: "Fields of ControlReadiness" })).toBeAttached();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help}`);
  expect(serious).toEqual([]);
});
