import { listAuditorRequests } from "@/lib/db/auditor-requests";
import { getEngagement } from "@/lib/db/engagements";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { RequestListQuery, RequestPage, requestOut } from "@/lib/server/api/requests";

/** GET /api/v1/engagements/{engagementId}/requests: the auditor's requests, open first. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const query = parseQuery(request, RequestListQuery);
  const engagement = await getEngagement(ctx, idParam(params.engagementId));
  const rows = await listAuditorRequests(ctx, {
    engagementId: engagement.id,
    ...(query.status === undefined ? {} : { status: query.status }),
  });
  return respond(
    RequestPage,
    paginate(rows.map(requestOut), query, (row) => row.id),
  );
});
