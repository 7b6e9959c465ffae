"use server";

import { revalidatePath } from "next/cache";
import { applyControlImport, planControlImport } from "@/lib/db/control-import";
import { ControlCsvInput } from "@/lib/schemas/control-import";
import { orgAction } from "@/lib/server/action";

export const checkControlImportAction = orgAction(ControlCsvInput, (ctx, { csv, clearBlanks }) =>
  planControlImport(ctx, csv, { clearBlanks }),
);

export const applyControlImportAction = orgAction(
  ControlCsvInput,
  async (ctx, { csv, clearBlanks }) => {
    const result = await applyControlImport(ctx, csv, { clearBlanks });
    if (result.applied) revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return result;
  },
);
