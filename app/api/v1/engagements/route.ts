import { NextResponse } from "next/server";
import { listEngagements } from "@/lib/db/engagements";
import { apiRoute } from "@/lib/server/api-route";

/** GET /api/v1/engagements: the engagements the token may see. */
export const GET = apiRoute(async ({ ctx }) =>
  NextResponse.json({ data: await listEngagements(ctx) }),
);
