import { listControlEvidence } from "@/lib/db/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { ControlEvidenceQuery, controlEvidenceOut } from "@/lib/server/api/control-records";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { EvidencePage } from "@/lib/server/api/records";

/** GET /api/v1/controls/{controlId}/evidence: the control's evidence metadata, newest first. */
export const GET = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const query = parseQuery(request, ControlEvidenceQuery);
  const rows = await listControlEvidence(ctx, idParam(params.controlId));
  return respond(
    EvidencePage,
    paginate(controlEvidenceOut(rows, query), query, (row) => row.id),
  );
});
