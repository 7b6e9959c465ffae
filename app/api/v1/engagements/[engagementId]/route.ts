import { getEngagement } from "@/lib/db/engagements";
import { notFound } from "@/lib/errors";
import { IdParam } from "@/lib/schemas/text";
import { apiRoute } from "@/lib/server/api-route";
import { respond } from "@/lib/server/api/conventions";
import { EngagementBody } from "@/lib/server/api/engagements";

/** GET /api/v1/engagements/{engagementId}: one engagement; outside the token's scope, 404. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, _request, params) => {
  const id = IdParam.safeParse(params.engagementId);
  if (!id.success) throw notFound();
  const engagement = await getEngagement(ctx, id.data);
  return respond(EngagementBody, { data: engagement }, { version: engagement.version });
});
