import { activityCsv } from "@/lib/db/activity-log";
import { can } from "@/lib/domain/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { ActivityFilters, fieldProblems, filterValues } from "@/lib/schemas/activity";
import { orgRequestRoute } from "@/lib/server/route";
import { todayFor } from "@/lib/server/clock";

/**
 * The activity log, filtered as on the page, as CSV: streamed a batch of entries at a time.
 * Owners and admins only; to an auditor the log does not exist.
 */
export const GET = orgRequestRoute(async (ctx, request) => {
  if (!can(ctx.role, "activity.view")) throw ctx.role === "auditor" ? notFound() : forbidden();
  const parsed = ActivityFilters.safeParse(filterValues(new URL(request.url).searchParams));
  if (!parsed.success)
    throw new AppError("VALIDATION", "Some filters are not valid.", fieldProblems(parsed.error));
  const lines = activityCsv(ctx, parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${ctx.orgSlug}-${await todayFor(ctx)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
