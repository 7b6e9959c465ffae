"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyControlImport, planControlImport } from "@/lib/db/control-import";
import { CONTROL_CSV_MAX_BYTES, utf8ByteLength } from "@/lib/domain/control-csv";
import { orgAction } from "@/lib/server/action";

const TOO_LARGE = "The file is larger than 2 MB. Split it and import each part.";

// The file is read in the browser and arrives as text in one field.
const ControlCsvInput = z.object({
  csv: z
    .string({ error: "Choose a CSV file or paste CSV." })
    .min(1, "Choose a CSV file or paste CSV.")
    .max(CONTROL_CSV_MAX_BYTES, TOO_LARGE)
    .refine((text) => utf8ByteLength(text) <= CONTROL_CSV_MAX_BYTES, TOO_LARGE),
});

export const checkControlImportAction = orgAction(ControlCsvInput, (ctx, { csv }) => planControlImport(ctx, csv));

export const applyControlImportAction = orgAction(ControlCsvInput, async (ctx, { csv }) => {
  const result = await applyControlImport(ctx, csv);
  if (result.applied) revalidatePath(`/o/${ctx.orgSlug}`, "layout");
  return result;
});
