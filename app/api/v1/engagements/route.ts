import { listEngagements } from "@/lib/db/engagements";
import { apiRoute } from "@/lib/server/api-route";
import { paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { EngagementListQuery, EngagementPage } from "@/lib/server/api/engagements";

/** GET /api/v1/engagements: the engagements the token may see, a page at a time. */
export const GET = apiRoute(async ({ ctx }, request) => {
  const query = parseQuery(request, EngagementListQuery);
  const engagements = await listEngagements(ctx, {
    includeArchived: query.archived === "include",
  });
  return respond(
    EngagementPage,
    paginate(engagements, query, (engagement) => engagement.id),
  );
});
