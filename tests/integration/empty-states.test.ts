import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { MyWorkList } from "@/components/work/my-work-list";
import { myWorkFor } from "@/lib/server/my-work";
import { makeOrg } from "./helpers";
import { signInMember } from "./signed-in";

// Empty lists say what to do next and link to where it is done (issue 17).

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { default: RequestsPage } = await import("@/app/o/[orgSlug]/requests/page");
const { default: ActivityPage } = await import("@/app/o/[orgSlug]/activity/page");

const noAction = async () => ({ ok: true as const, data: null });

describe("empty states", () => {
  it("a new organisation's request list says none came yet and links to the engagements", async () => {
    const ctx = signInMember(await makeOrg());
    const html = renderToStaticMarkup(
      (await RequestsPage({
        params: Promise.resolve({ orgSlug: ctx.orgSlug }),
        searchParams: Promise.resolve({}),
      })) as ReactElement,
    );
    expect(html).toContain("No requests yet.");
    expect(html).toContain(`href="/o/${ctx.orgSlug}/engagements"`);
    expect(html).not.toContain("Clear the filters");
  });

  it("a filtered request list offers to clear the filters", async () => {
    const ctx = signInMember(await makeOrg());
    const html = renderToStaticMarkup(
      (await RequestsPage({
        params: Promise.resolve({ orgSlug: ctx.orgSlug }),
        searchParams: Promise.resolve({ state: "open" }),
      })) as ReactElement,
    );
    expect(html).toContain("No requests match.");
    expect(html).toContain("Clear the filters");
  });

  it("an activity log filtered to nothing links back to the whole log", async () => {
    const ctx = signInMember(await makeOrg());
    const html = renderToStaticMarkup(
      (await ActivityPage({
        params: Promise.resolve({ orgSlug: ctx.orgSlug }),
        searchParams: Promise.resolve({ action: "control.created" }),
      })) as ReactElement,
    );
    expect(html).toContain("No entries match these filters.");
    expect(html).toContain(`href="/o/${ctx.orgSlug}/activity"`);
  });

  it("My work without controls links to the controls, and an empty evidence list to its form", async () => {
    const ctx = await makeOrg();
    const work = await myWorkFor(ctx);
    if (!work) throw new Error("an owner has a work list");
    const mine = renderToStaticMarkup(
      createElement(MyWorkList, { work, orgSlug: ctx.orgSlug, today: "2026-04-01" }),
    );
    expect(mine).toContain(`href="/o/${ctx.orgSlug}/controls"`);

    const props = {
      orgSlug: ctx.orgSlug,
      items: [],
      currentControlId: "c1",
      controls: [],
      deleteAction: noAction,
      linkAction: noAction,
    };
    const editable = renderToStaticMarkup(createElement(EvidenceList, { ...props, canEdit: true }));
    expect(editable).toContain('href="#add-evidence"');
    const readOnly = renderToStaticMarkup(
      createElement(EvidenceList, { ...props, canEdit: false }),
    );
    expect(readOnly).not.toContain("#add-evidence");
  });
});
