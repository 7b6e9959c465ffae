import "server-only";
import { onboardingProgress, type OnboardingProgress } from "@/lib/domain/onboarding";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";

/** How far a new organisation has come through the first-time guide (four counts, at once). */
export async function loadOnboarding(ctx: OrgContext): Promise<OnboardingProgress> {
  assertCan(ctx, "library.view");
  const db = getDb();
  const [engagement, controls, mapping, evidence] = await Promise.all([
    db.engagement.findFirst({
      where: { organizationId: ctx.orgId, archivedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    }),
    db.control.count({ where: { organizationId: ctx.orgId } }),
    db.controlMapping.findFirst({
      where: { organizationId: ctx.orgId },
      orderBy: { control: { ref: "asc" } },
      select: { controlId: true },
    }),
    db.evidence.count({ where: { organizationId: ctx.orgId } }),
  ]);
  return onboardingProgress(
    {
      firstEngagementId: engagement?.id ?? null,
      controls,
      firstMappedControlId: mapping?.controlId ?? null,
      evidence,
    },
    `/o/${ctx.orgSlug}`,
  );
}
