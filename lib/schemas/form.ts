import { z } from "zod";
import { singleLine } from "./text";

/** Repeated form fields (checkboxes, multi-selects) arrive as a string or an array; always an array here. */
export function formList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

const Line = singleLine().max(1000, "Keep each line under 1,000 characters.");
const MAX_LINES = 200;

/**
 * A textarea with one entry per line: trimmed, blank lines dropped. A bad line is reported on
 * the field itself with its line number (the form shows messages by field name).
 */
export const LinesField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/\r\n?|\n/) : (value ?? [])),
  z
    .array(z.string({ error: "Write one entry per line." }), { error: "Write one entry per line." })
    .transform((lines, context) => {
      const kept: string[] = [];
      // Blank lines are dropped, but even those are bounded before each line is checked.
      if (lines.length > 5 * MAX_LINES) {
        context.addIssue({ code: "custom", message: `At most ${MAX_LINES} lines.` });
        return kept;
      }
      lines.forEach((line, index) => {
        const parsed = Line.safeParse(line);
        if (!parsed.success)
          context.addIssue({
            code: "custom",
            message: `Line ${index + 1}: ${parsed.error.issues[0]?.message}`,
          });
        else if (parsed.data) kept.push(parsed.data);
      });
      return kept;
    })
    .pipe(z.array(z.string()).max(MAX_LINES, `At most ${MAX_LINES} lines.`)),
);

export const CheckboxField = z.preprocess(
  (value) => value === "on" || value === "true" || value === true,
  z.boolean(),
);
