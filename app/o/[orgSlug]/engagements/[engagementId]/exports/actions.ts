"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markExportSent, startExport } from "@/lib/db/exports";
import { EXPORT_FORMATS } from "@/lib/domain/export/snapshot";
import { dispatchExport } from "@/lib/export-process/runner";
import { orgAction } from "@/lib/server/action";
import { FormId } from "@/lib/schemas/text";

const Id = FormId;

/** Starts an export and returns at once; the work goes on in the export process, its progress in the database. */
export const startExportAction = orgAction(
  z.object({
    engagementId: Id,
    format: z.enum(EXPORT_FORMATS, { error: "Choose an export format." }),
  }),
  async (ctx, { engagementId, format }) => {
    const run = await startExport(ctx, engagementId, format);
    dispatchExport(ctx, run.id);
    revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}/exports`);
    return run;
  },
);

export const markExportSentAction = orgAction(
  z.object({ engagementId: Id, runId: Id }),
  async (ctx, { engagementId, runId }) => {
    await markExportSent(ctx, runId);
    revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}/exports`);
    return null;
  },
);
