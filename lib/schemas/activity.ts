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

const FILTER_NAMES = ["who", "action", "record", "from", "to"] as const;
type FilterName = (typeof FILTER_NAMES)[number];
/** The filters as typed in the form: strings, before validation. */
export type ActivityFilterValues = Partial<Record<FilterName, string>>;

/** The filter fields of a query (a page's search params or a URL's), the first of each. */
export function filterValues(
  query: URLSearchParams | Record<string, string | string[] | undefined>,
): ActivityFilterValues {
  const values: ActivityFilterValues = {};
  for (const name of FILTER_NAMES) {
    const raw = query instanceof URLSearchParams ? query.get(name) : query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) values[name] = value;
  }
  return values;
}

/** The messages of a failed parse, by field. */
export function fieldProblems(error: z.ZodError): Partial<Record<FilterName, string[]>> {
  const problems: Partial<Record<FilterName, string[]>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && (FILTER_NAMES as readonly string[]).includes(field)) {
      const name = field as FilterName;
      problems[name] = [...(problems[name] ?? []), issue.message];
    }
  }
  return problems;
}

/** The query string of these filters (and a page past the first), for links that keep them. */
export function activityQueryString(
  values: ActivityFilterValues,
  page = 1,
  cursor: { before?: number; after?: number } = {},
): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = values[name];
    if (value) params.set(name, value);
  }
  if (page > 1) params.set("page", String(page));
  if (cursor.before !== undefined) params.set("before", String(cursor.before));
  if (cursor.after !== undefined) params.set("after", String(cursor.after));
  return params.toString();
}

/** A filtered page's cursor in the query string (a sequence number); anything else is none. */
export const ActivityCursorParam = z.coerce
  .number()
  .int()
  .min(0)
  .max(2_147_483_647)
  .optional()
  .catch(undefined);
