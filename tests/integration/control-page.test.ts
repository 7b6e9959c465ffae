import { describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { makeControl, makeEngagement, makeOrg } from "./helpers";
import { signInMember } from "./signed-in";

// The control page reads an engagement id from the query string: whatever a link carries, it
// renders or answers not found, never a server error.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { default: ControlPage } = await import("@/app/o/[orgSlug]/controls/[controlId]/page");

type SearchParams = Record<string, string | string[] | undefined>;

function render(ctx: OrgContext, controlId: string, searchParams: SearchParams): Promise<unknown> {
  return ControlPage({
    params: Promise.resolve({ orgSlug: ctx.orgSlug, controlId }),
    searchParams: Promise.resolve(searchParams),
  });
}

const digestOf = (error: unknown): unknown => (error as { digest?: unknown }).digest;

describe("the control page's engagement window", () => {
  it("renders against one of the organisation's engagements", async () => {
    const ctx = signInMember(await makeOrg());
    const control = await makeControl(ctx);
    const engagement = await makeEngagement(ctx);
    await expect(render(ctx, control.id, { engagement: engagement.id })).resolves.toBeTruthy();
  });

  it("answers not found for another organisation's engagement", async () => {
    const other = await makeOrg();
    const theirs = await makeEngagement(other);
    const ctx = signInMember(await makeOrg());
    const control = await makeControl(ctx);
    const error = await render(ctx, control.id, { engagement: theirs.id }).catch(
      (thrown: unknown) => thrown,
    );
    expect(String(digestOf(error))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("does not fail when the engagement parameter is repeated", async () => {
    const ctx = signInMember(await makeOrg());
    const control = await makeControl(ctx);
    const engagement = await makeEngagement(ctx);
    const outcome = await render(ctx, control.id, { engagement: [engagement.id, "other"] }).then(
      () => "rendered",
      (thrown: unknown) =>
        String(digestOf(thrown)).startsWith("NEXT_HTTP_ERROR_FALLBACK;404") ? "not found" : thrown,
    );
    expect(["rendered", "not found"]).toContain(outcome);
  });
});
