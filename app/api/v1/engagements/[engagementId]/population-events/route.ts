import { listEngagementPopulation } from "@/lib/db/engagement-records";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, keysetPage, parseQuery, respond } from "@/lib/server/api/conventions";
import { afterOf, PopulationListQuery, PopulationPage } from "@/lib/server/api/records";

/** GET /api/v1/engagements/{engagementId}/population-events: the controls' events, oldest first. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const { cursor, ...query } = parseQuery(request, PopulationListQuery);
  const rows = await listEngagementPopulation(ctx, idParam(params.engagementId), {
    ...query,
    after: afterOf(cursor),
  });
  return respond(
    PopulationPage,
    keysetPage(rows, query.limit, (row) => [row.date, row.id]),
  );
});
