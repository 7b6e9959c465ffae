import { findOrgContext } from "@/lib/auth/session";
import { exportControlsCsv } from "@/lib/db/control-import";
import { AppError, HTTP_STATUS, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { toAppError } from "@/lib/server/handle-error";

type Params = { params: Promise<{ orgSlug: string }> };

/** The control library as CSV, for spreadsheets and for importing into another organisation. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const slug = OrgSlugParam.safeParse((await params).orgSlug);
    if (!slug.success) throw notFound();
    const { user, ctx } = await findOrgContext(slug.data);
    if (!user) throw new AppError("UNAUTHENTICATED");
    if (!ctx) throw notFound();
    const csv = await exportControlsCsv(ctx);
    const date = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="controls-${ctx.orgSlug}-${date}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    const { code, message } = toAppError(error);
    return Response.json({ error: { code, message } }, { status: HTTP_STATUS[code] });
  }
}
