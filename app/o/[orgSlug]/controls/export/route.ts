import { exportControlsCsv } from "@/lib/db/control-import";
import { orgRequestRoute } from "@/lib/server/route";
import { todayFor } from "@/lib/server/clock";

/** The control library as CSV, for spreadsheets and for importing into another organisation. */
export const GET = orgRequestRoute(async (ctx) => {
  const csv = await exportControlsCsv(ctx);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="controls-${ctx.orgSlug}-${await todayFor(ctx)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
