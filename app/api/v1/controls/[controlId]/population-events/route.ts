import { addPopulationEvent, listPopulation } from "@/lib/db/population";
import { PopulationEventInput } from "@/lib/schemas/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { ControlPopulationQuery, controlPopulationOut } from "@/lib/server/api/control-records";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { PopulationPage } from "@/lib/server/api/records";
import { parseJsonBody, parseWith } from "@/lib/server/api/json-body";
import {
  PopulationEventBody,
  PopulationEventCreateInput,
} from "@/lib/server/api/population-writes";

/** GET /api/v1/controls/{controlId}/population-events: the control's population, oldest first. */
export const GET = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const query = parseQuery(request, ControlPopulationQuery);
  const rows = controlPopulationOut(controlId, await listPopulation(ctx, controlId), query);
  return respond(
    PopulationPage,
    paginate(rows, query, (row) => row.id),
  );
});

/** POST /api/v1/controls/{controlId}/population-events: adds one event to the population. */
export const POST = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const fields = await parseJsonBody(request, PopulationEventCreateInput);
  const input = parseWith(PopulationEventInput, { ...fields, controlId });
  const { id } = await addPopulationEvent(ctx, input);
  const { date, reference, description } = input;
  return respond(
    PopulationEventBody,
    { data: { id, controlId, date, reference, description, evidenceCount: 0 } },
    { status: 201 },
  );
});
