import { z } from "zod";
import { ACTION_GROUPS } from "@/lib/domain/activity-filters";
import { ACTIVITY_ACTIONS } from "@/lib/domain/activity-vocabulary";
import { isIsoDate } from "@/lib/domain/dates";
import { IdParam, singleLine } from "./text";

// The activity log's filters, from the page's query string and the CSV export's. An empty field
// is no filter; a value no form of ours produces is reported under its name.

const blankIsNone = (value: unknown) => (value === "" ? undefined : value);

const Day = z.preprocess(
  blankIsNone,
  singleLine().refine(isIsoDate, "Enter a date as YYYY-MM-DD.").optional(),
);

export const ActivityFilters = z
  .object({
    who: z.preprocess(
      blankIsNone,
      z
        .string()
        .refine((value) => IdParam.safeParse(value).success, "Choose a member from the list.")
        .optional(),
    ),
    action: z.preprocess(
      blankIsNone,
      z
        .enum([...ACTION_GROUPS, ...ACTIVITY_ACTIONS], {
          error: "Choose a kind of action from the list.",
        })
        .optional(),
    ),
    record: z.preprocess(
      blankIsNone,
      singleLine().max(100, "Search for a record with at most 100 characters.").optional(),
    ),
    from: Day,
    to: Day,
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    path: ["to"],
    message: "The end date must be on or after the start date.",
  });
export type ActivityFilters = z.infer<typeof ActivityFilters>;
