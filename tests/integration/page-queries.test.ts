import { describe, expect, it, vi } from "vitest";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { criterion, makeControl, makeEngagement, makeOrg, noteEvidenceInput } from "./helpers";
import { signInMember } from "./signed-in";

// Every query costs a request CPU (Prisma compiles each one), so the pages people open most run
// a fixed number of them: the same for an organisation of 2 controls and of 12, with evidence.

const queries = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});
vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { default: Layout } = await import("@/app/o/[orgSlug]/layout");
const { default: DashboardPage } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/dashboard/page");
const { default: ControlPage } = await import("@/app/o/[orgSlug]/controls/[controlId]/page");
const { default: RequirementPage } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/requirements/[requirementId]/page");
const { default: ControlsPage } = await import("@/app/o/[orgSlug]/controls/page");
const { default: MyWorkPage } = await import("@/app/o/[orgSlug]/my-work/page");

/** Queries one call runs (the page's own; the markup is not rendered: no component reads). */
async function queriesOf(render: () => Promise<unknown>): Promise<number> {
  queries.count = 0;
  await render();
  return queries.count;
}

async function organisation(size: number) {
  const ctx = signInMember(await makeOrg());
  const engagement = await makeEngagement(ctx);
  const controlIds: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const control = await makeControl(ctx, { ref: `AC-${10 + i}`, ownerId: ctx.userId });
    await setControlMappings(ctx, control.id, [criterion(i % 2 ? "CC6.1" : "CC7.2")], []);
    await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
    controlIds.push(control.id);
  }
  return { ctx, engagementId: engagement.id, controlId: controlIds[0] ?? "" };
}

async function pageQueries({
  ctx,
  engagementId,
  controlId,
}: Awaited<ReturnType<typeof organisation>>) {
  const searchParams = Promise.resolve({});
  const at = <T extends object>(extra: T) => Promise.resolve({ orgSlug: ctx.orgSlug, ...extra });
  return {
    layout: await queriesOf(() => Layout({ children: null, params: at({}) })),
    dashboard: await queriesOf(() => DashboardPage({ params: at({ engagementId }), searchParams })),
    control: await queriesOf(() => ControlPage({ params: at({ controlId }), searchParams })),
    requirement: await queriesOf(() =>
      RequirementPage({ params: at({ engagementId, requirementId: criterion("CC6.1") }) }),
    ),
    library: await queriesOf(() => ControlsPage({ params: at({}), searchParams })),
    myWork: await queriesOf(() => MyWorkPage({ params: at({}) })),
  };
}

describe("queries per page", () => {
  it("the layout and the most used pages run as many queries for 12 controls as for 2", async () => {
    const small = await pageQueries(await organisation(2));
    const large = await pageQueries(await organisation(12));
    console.info(
      `page queries (layout and page, each with the session's): ${JSON.stringify(large)}`,
    );
    expect(large).toEqual(small);
  });
});
