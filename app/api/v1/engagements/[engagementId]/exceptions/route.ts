import { listEngagementExceptions } from "@/lib/db/engagement-records";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, keysetPage, parseQuery, respond } from "@/lib/server/api/conventions";
import { afterOf, ExceptionListQuery, ExceptionPage, exceptionOut } from "@/lib/server/api/records";

/** GET /api/v1/engagements/{engagementId}/exceptions: the controls' exceptions, newest first. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const { cursor, ...query } = parseQuery(request, ExceptionListQuery);
  const rows = await listEngagementExceptions(ctx, idParam(params.engagementId), {
    ...query,
    after: afterOf(cursor),
  });
  const page = keysetPage(rows, query.limit, (row) => [row.date, row.id]);
  return respond(ExceptionPage, {
    nextCursor: page.nextCursor,
    data: page.data.map(exceptionOut),
  });
});
