import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { setControlMappings } from "@/lib/db/mappings";
import { criterion, makeControl, makeEngagement, makeOrg } from "./helpers";
import { signInMember } from "./signed-in";

// The control readiness page (the occurrence view): each control's ref with its title, and a
// filter by control and by state that keeps the rest out.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { default: ControlReadinessPage } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/controls/page");

async function html(ctx: OrgContext, engagementId: string, query: Record<string, string>) {
  const element = (await ControlReadinessPage({
    params: Promise.resolve({ orgSlug: ctx.orgSlug, engagementId }),
    searchParams: Promise.resolve(query),
  })) as ReactElement;
  return renderToStaticMarkup(element);
}

describe("the control readiness page", () => {
  it("lists each control with its title and filters by control and by state", async () => {
    const ctx = signInMember(await makeOrg());
    const engagement = await makeEngagement(ctx);
    const review = await makeControl(ctx, { ref: "AC-01", title: "Quarterly access review" });
    const change = await makeControl(ctx, { ref: "CH-01", title: "Change approval" });
    await setControlMappings(ctx, review.id, [criterion("CC6.1")], []);
    await setControlMappings(ctx, change.id, [criterion("CC8.1")], []);

    const all = await html(ctx, engagement.id, {});
    expect(all).toContain("Quarterly access review");
    expect(all).toContain("Change approval");
    expect(all).toContain("2 controls");

    const byTitle = await html(ctx, engagement.id, { control: "approval" });
    expect(byTitle).toContain("Change approval");
    expect(byTitle).not.toContain("Quarterly access review");
    expect(byTitle).toContain("1 of 2 controls shown");

    // Nothing has evidence yet: none is ready.
    const ready = await html(ctx, engagement.id, { state: "ready" });
    expect(ready).toContain("No control matches the filter.");
    const notReady = await html(ctx, engagement.id, { state: "not_ready", control: "" });
    expect(notReady).toContain("Quarterly access review");
    expect(notReady).toContain("Change approval");
  });

  it("answers not found for a state it does not know", async () => {
    const ctx = signInMember(await makeOrg());
    const engagement = await makeEngagement(ctx);
    const error = await html(ctx, engagement.id, { state: "everything" }).catch(
      (thrown: unknown) => thrown,
    );
    expect(String((error as { digest?: unknown }).digest)).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
