import "server-only";
import type { RequirementStatus } from "@/lib/domain/requirement-status";
import { recordEngagementView } from "./auditor-access";
import type { OrgContext } from "./context";
import type { MappedControlView } from "./engagement-requirements";
import { engagementRequirementsSummary } from "./readiness-summary";

// The mapping matrix in one call: the engagement's requirements (rows) by the controls mapped
// to any of them (columns, by ref), and which control serves which requirement. An auditor's
// visit is recorded in the access log.

export type MatrixRow = {
  id: string;
  code: string;
  status: RequirementStatus;
  /** The ids of the controls mapped to this requirement. */
  mapped: ReadonlySet<string>;
};

export type MatrixPage = {
  orgSlug: string;
  engagement: { id: string; name: string };
  requirements: MatrixRow[];
  /** Every control mapped to at least one requirement, once, by ref. */
  columns: MappedControlView[];
};

/** Another organisation's engagement, or one an auditor was not given, is NOT_FOUND. */
export async function loadMatrixPage(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<MatrixPage> {
  const { engagement, requirements } = await engagementRequirementsSummary(
    ctx,
    engagementId,
    today,
  );
  await recordEngagementView(ctx, engagement, "matrix");
  const columns = [
    ...new Map(requirements.flatMap((r) => r.controls).map((c) => [c.id, c])).values(),
  ].sort((a, b) => a.ref.localeCompare(b.ref));
  return {
    orgSlug: ctx.orgSlug,
    engagement: { id: engagement.id, name: engagement.name },
    requirements: requirements.map((requirement) => ({
      id: requirement.id,
      code: requirement.code,
      status: requirement.status,
      mapped: new Set(requirement.controls.map((c) => c.id)),
    })),
    columns,
  };
}
