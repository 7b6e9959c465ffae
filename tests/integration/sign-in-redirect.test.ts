import { describe, expect, it, vi } from "vitest";
import { makeUser } from "./helpers";
import { signInAs } from "./signed-in";

// Where the sign-in and sign-up pages send someone who is already signed in: only to a path on
// this site, whatever a crafted link puts in callbackUrl. (The forms push the same value after
// signing in, so what the page accepts is what the browser follows.)

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { default: SignInPage } = await import("@/app/sign-in/page");
const { default: SignUpPage } = await import("@/app/sign-up/page");

type SearchParams = Record<string, string | string[] | undefined>;
type Page = (props: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) => Promise<unknown>;

/** The Location a signed-in visitor is redirected to, or "404" when the page refuses the link outright. */
async function redirectedTo(page: Page, searchParams: SearchParams): Promise<string> {
  const error: unknown = await page({
    searchParams: Promise.resolve(searchParams as { callbackUrl?: string }),
  }).then(
    () => {
      throw new Error("expected a redirect");
    },
    (thrown: unknown) => thrown,
  );
  const digest = (error as { digest?: unknown }).digest;
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) throw error;
  return digest.split(";").slice(2, -2).join(";");
}

/** How a browser resolves that Location on our origin. */
const resolvedOrigin = (location: string): string =>
  new URL(location, "https://assay.test/sign-in").origin;

const HOSTILE = [
  "https://evil.example/",
  "//evil.example/",
  "/\\evil.example/",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "/\t\\evil.example/",
  "\t//evil.example/",
  " //evil.example/",
  "javascript:alert(1)",
];

describe.each([
  ["sign-in", SignInPage as Page],
  ["sign-up", SignUpPage as Page],
])("the %s page, for someone already signed in", (_name, page) => {
  it("follows a callbackUrl that is a path on this site", async () => {
    signInAs(await makeUser());
    expect(await redirectedTo(page, { callbackUrl: "/o/acme/controls?status=draft" })).toBe(
      "/o/acme/controls?status=draft",
    );
  });

  it.each(HOSTILE)("never sends the browser to another site (%j)", async (callbackUrl) => {
    signInAs(await makeUser());
    const location = await redirectedTo(page, { callbackUrl });
    // A query with a control character is refused (the 404 page, lib/server/page-params.ts); any other goes home.
    const refused = /\p{Cc}/u.test(callbackUrl);
    expect(location).toBe(refused ? "404" : "/");
    if (!refused) expect(resolvedOrigin(location)).toBe("https://assay.test");
  });

  it("falls back to home when callbackUrl is repeated, instead of failing", async () => {
    signInAs(await makeUser());
    expect(await redirectedTo(page, { callbackUrl: ["/o/acme", "//evil.example/"] })).toBe("/");
  });
});
