import { listEngagementEvidence } from "@/lib/db/engagement-records";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, keysetPage, parseQuery, respond } from "@/lib/server/api/conventions";
import { afterOf, EvidenceListQuery, EvidencePage, evidenceOut } from "@/lib/server/api/records";

/** GET /api/v1/engagements/{engagementId}/evidence: evidence metadata, newest first. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const { cursor, ...query } = parseQuery(request, EvidenceListQuery);
  const rows = await listEngagementEvidence(ctx, idParam(params.engagementId), {
    ...query,
    after: afterOf(cursor),
  });
  const page = keysetPage(rows, query.limit, (row) => [row.effectiveDate, row.id]);
  return respond(EvidencePage, {
    nextCursor: page.nextCursor,
    data: page.data.map(evidenceOut),
  });
});
