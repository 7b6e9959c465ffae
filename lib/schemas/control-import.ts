import { z } from "zod";
import { CONTROL_CSV_MAX_BYTES, utf8ByteLength } from "@/lib/domain/control-csv";
import { CheckboxField } from "./form";
import { multiLine } from "./text";

const TOO_LARGE = "The file is larger than 2 MB. Split it and import each part.";

/** A control CSV, read in the browser and sent as text in one field, and how blank cells read. */
export const ControlCsvInput = z.object({
  csv: multiLine({ error: "Choose a CSV file or paste CSV." })
    .min(1, "Choose a CSV file or paste CSV.")
    .max(CONTROL_CSV_MAX_BYTES, TOO_LARGE)
    .refine((text) => utf8ByteLength(text) <= CONTROL_CSV_MAX_BYTES, TOO_LARGE),
  clearBlanks: CheckboxField.default(false),
});
export type ControlCsvInput = z.infer<typeof ControlCsvInput>;
