import { getEngagement } from "@/lib/db/engagements";
import { PAPERWORK_TITLES, paperworkFileBase } from "@/lib/domain/export/paperwork";
import { AppError } from "@/lib/errors";
import { withJob } from "@/lib/export-process/job-pool";
import { MAX_PAPERWORK_BODY_BYTES, PaperworkPdfInput } from "@/lib/schemas/paperwork";
import { todayFor } from "@/lib/server/clock";
import { validationError } from "@/lib/server/handle-error";
import { orgRequestRoute } from "@/lib/server/route";

const tooLarge = () => new AppError("TOO_LARGE", "The draft is too long to lay out as a PDF.");

/** The JSON body, read no further than `maxBytes` whatever the client declares. */
async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json"))
    throw new AppError("VALIDATION", "Send the draft as JSON.");
  if (Number(request.headers.get("content-length")) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
}

/**
 * A paperwork draft, as edited in the browser, laid out as a PDF attachment. Any member who can
 * see the engagement may do this: the output is a draft for management, nothing is stored.
 */
export const POST = orgRequestRoute<{ orgSlug: string; engagementId: string }>(
  async (ctx, request, { engagementId }) => {
    const engagement = await getEngagement(ctx, engagementId);
    const parsed = PaperworkPdfInput.safeParse(await readJson(request, MAX_PAPERWORK_BODY_BYTES));
    if (!parsed.success) throw validationError(parsed.error);
    const { kind, markdown } = parsed.data;
    // Laid out in a job process, within its time budget: never on this process's event loop.
    const pdf = await withJob(ctx, "paperwork-pdf", (run) =>
      run({
        markdown,
        title: `${PAPERWORK_TITLES[kind]} (draft) · ${engagement.name}`,
        footer: `${ctx.orgName} · ${engagement.name} · DRAFT, not for issue`,
      }),
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pdf.byteLength),
        "Content-Disposition": `attachment; filename="${paperworkFileBase(kind, engagement.name, await todayFor(ctx))}.pdf"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
);
