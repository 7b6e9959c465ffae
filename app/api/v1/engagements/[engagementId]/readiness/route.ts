import { engagementReadiness } from "@/lib/db/readiness";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond } from "@/lib/server/api/conventions";
import { readinessOut, ReadinessBody } from "@/lib/server/api/readiness";
import { todayFor } from "@/lib/server/clock";

/** GET /api/v1/engagements/{engagementId}/readiness: the dashboard's figures, computed today. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, _request, params) => {
  const today = await todayFor(ctx);
  const view = await engagementReadiness(ctx, idParam(params.engagementId), today);
  return respond(ReadinessBody, { data: readinessOut(view, today) });
});
