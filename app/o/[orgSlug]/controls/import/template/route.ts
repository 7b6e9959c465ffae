import { findOrgContext } from "@/lib/auth/session";
import { listObjectives } from "@/lib/db/objectives";
import { controlCsvTemplate } from "@/lib/domain/control-csv";
import { AppError, HTTP_STATUS, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { toAppError } from "@/lib/server/handle-error";

type Params = { params: Promise<{ orgSlug: string }> };

/** The import columns with two example rows that import cleanly into this organisation. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const slug = OrgSlugParam.safeParse((await params).orgSlug);
    if (!slug.success) throw notFound();
    const { user, ctx } = await findOrgContext(slug.data);
    if (!user) throw new AppError("UNAUTHENTICATED");
    if (!ctx) throw notFound();
    const [objective] = await listObjectives(ctx);
    return new Response(controlCsvTemplate(user.email, objective?.ref ?? null), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="controls-template.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    const { code, message } = toAppError(error);
    return Response.json({ error: { code, message } }, { status: HTTP_STATUS[code] });
  }
}
