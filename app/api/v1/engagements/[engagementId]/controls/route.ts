import { engagementReadiness } from "@/lib/db/readiness";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import {
  ControlReadinessPage,
  ControlReadinessQuery,
  controlsOut,
} from "@/lib/server/api/readiness";
import { todayFor } from "@/lib/server/clock";

/** GET /api/v1/engagements/{engagementId}/controls: in-scope controls with their readiness. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const query = parseQuery(request, ControlReadinessQuery);
  const view = await engagementReadiness(ctx, idParam(params.engagementId), await todayFor(ctx));
  const controls = controlsOut(view).filter(
    (control) => query.ready === undefined || String(control.ready) === query.ready,
  );
  return respond(
    ControlReadinessPage,
    paginate(controls, query, (control) => control.id),
  );
});
