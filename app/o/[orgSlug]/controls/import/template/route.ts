import { getCurrentUser } from "@/lib/auth/session";
import { assertCan } from "@/lib/db/authorize";
import { listObjectives } from "@/lib/db/objectives";
import { controlCsvTemplate } from "@/lib/domain/control-csv";
import { orgRequestRoute } from "@/lib/server/route";

/** The import columns with two example rows that import cleanly into this organisation. */
export const GET = orgRequestRoute(async (ctx) => {
  assertCan(ctx, "library.view");
  const [user, [objective]] = await Promise.all([getCurrentUser(), listObjectives(ctx)]);
  return new Response(controlCsvTemplate(user?.email ?? "", objective?.ref ?? null), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="controls-template.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
