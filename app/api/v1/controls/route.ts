import type { NextRequest } from "next/server";
import { createControl, getControl } from "@/lib/db/controls";
import { apiRoute } from "@/lib/server/api-route";
import { ControlBody, ControlCreateInput, controlOut } from "@/lib/server/api/control-writes";
import { respond } from "@/lib/server/api/conventions";
import { parseJsonBody } from "@/lib/server/api/json-body";

/** POST /api/v1/controls: creates a control, as the control form does. */
export const POST = apiRoute(async ({ ctx }, request: NextRequest) => {
  const input = await parseJsonBody(request, ControlCreateInput);
  const { id } = await createControl(ctx, input);
  const control = await getControl(ctx, id);
  return respond(
    ControlBody,
    { data: controlOut(control) },
    { status: 201, version: control.version },
  );
});
