import { z } from "zod";
import { LIST_FIELDS, REQUEST_LIST_LIMITS, type ListMapping } from "@/lib/domain/request-list";
import { FormId, singleLine } from "./text";

const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const Column = z.preprocess(blank, singleLine().max(200).optional());

/** The auditor's list (CSV or XLSX) and, after the first look, the header row and mapping. */
export const RequestListInput = z.object({
  engagementId: FormId,
  file: z
    .instanceof(File, { error: "Choose the request list file." })
    .refine((file) => file.size > 0, "The file is empty.")
    .refine(
      (file) => file.size <= REQUEST_LIST_LIMITS.bytes,
      `The file is larger than ${REQUEST_LIST_LIMITS.bytes / 1024 / 1024} MB; split the list.`,
    ),
  headerRow: z.preprocess(
    blank,
    z.coerce.number().int().min(1).max(REQUEST_LIST_LIMITS.headerSearchRows).optional(),
  ),
  map_externalId: Column,
  map_body: Column,
  map_dueDate: Column,
  map_reference: Column,
  map_control: Column,
});
export type RequestListInput = z.infer<typeof RequestListInput>;

/** The mapping fields of the form, or undefined when none was sent (the first look). */
export function mappingOf(input: RequestListInput): ListMapping | undefined {
  const mapping: ListMapping = {};
  let any = false;
  for (const field of LIST_FIELDS) {
    const header = input[`map_${field}`];
    if (header !== undefined) {
      mapping[field] = header;
      any = true;
    }
  }
  return any ? mapping : undefined;
}
