import { engagementReadiness } from "@/lib/db/readiness";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { RequirementListQuery, RequirementPage, requirementsOut } from "@/lib/server/api/readiness";
import { todayFor } from "@/lib/server/clock";

/** GET /api/v1/engagements/{engagementId}/requirements: status and reasons, a page at a time. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const query = parseQuery(request, RequirementListQuery);
  const view = await engagementReadiness(ctx, idParam(params.engagementId), await todayFor(ctx));
  const requirements = requirementsOut(view).filter(
    (requirement) => query.status === undefined || requirement.status === query.status,
  );
  return respond(
    RequirementPage,
    paginate(requirements, query, (requirement) => requirement.id),
  );
});
