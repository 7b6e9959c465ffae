import { z } from "zod";

/** Repeated form fields (checkboxes, multi-selects) arrive as a string or an array; always an array here. */
export function formList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** A textarea with one entry per line: trimmed, blank lines dropped. */
export const LinesField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : value ?? []),
  z.array(z.string().max(1000, "Keep each line under 1,000 characters.")).max(200, "At most 200 lines."),
);

export const OptionalIsoDate = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

export const CheckboxField = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
