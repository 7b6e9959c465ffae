import { z } from "zod";
import { WORK_KINDS } from "@/lib/domain/readiness/work-queue";
import { IdParam } from "./text";

/**
 * The dashboard's work-queue filters, from the query string: `owner` (a member's user id, or
 * "none" for work nobody owns), `kind`, and `all=1` to show the whole list. Empty is no filter.
 */
export const WorkQueueQuery = z.object({
  owner: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.union([z.literal("none"), IdParam]).optional(),
  ),
  kind: z.preprocess((value) => (value === "" ? undefined : value), z.enum(WORK_KINDS).optional()),
  all: z.literal("1").optional(),
});
export type WorkQueueQuery = z.infer<typeof WorkQueueQuery>;

/** The control page's query: the engagement whose window judges evidence, and a preselected occurrence. */
export const ControlPageQuery = z.object({
  engagement: IdParam.optional(),
  slot: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  purpose: z.enum(["design", "operating"]).optional(),
});
