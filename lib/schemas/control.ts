import { z } from "zod";
import {
  CONTROL_FREQUENCIES,
  CONTROL_NATURES,
  CONTROL_REF_PATTERN,
  CONTROL_STATUSES,
} from "@/lib/domain/controls";
import { MAX_BULK_CONTROLS, MAX_GRACE_DAYS } from "./control-limits";
import { CheckboxField, formList } from "./form";
import { multiLine, singleLine } from "./text";
import { STALE_FORM_MESSAGE, VersionField } from "./version";

export { MAX_BULK_CONTROLS, MAX_GRACE_DAYS };

const Id = singleLine().min(1).max(100);
/** Blank is "not given" (undefined). */
export const GraceDaysField = z.preprocess(
  (value) => (value === "" || value === null ? undefined : value),
  z.coerce
    .number({ error: "Enter a number of days." })
    .int("Use a whole number of days.")
    .min(0, "Use 0 or more days.")
    .max(MAX_GRACE_DAYS, `Use at most ${MAX_GRACE_DAYS} days.`)
    .optional(),
);

const OptionalOwner = z.preprocess(
  (value) => (value === "" || value === "none" ? null : value),
  Id.nullable(),
);

export const ControlInput = z.object({
  ref: singleLine().regex(
    CONTROL_REF_PATTERN,
    "Use up to 32 letters, digits, dots, dashes or underscores, e.g. AC-01.",
  ),
  title: singleLine().min(3, "Use at least 3 characters.").max(200, "Use at most 200 characters."),
  description: multiLine().trim().max(5000, "Use at most 5,000 characters.").default(""),
  ownerId: OptionalOwner.default(null),
  status: z.enum(CONTROL_STATUSES, { error: "Choose a status." }),
  frequency: z.enum(CONTROL_FREQUENCIES, { error: "Choose a frequency." }),
  nature: z.enum(CONTROL_NATURES, { error: "Choose a nature." }),
  key: CheckboxField.default(false),
  // Left out: the organisation's default for a new control, the current value on an edit.
  graceDays: GraceDaysField,
});
export type ControlInput = z.infer<typeof ControlInput>;

export const UpdateControlInput = ControlInput.extend({ controlId: Id, version: VersionField });

export const CONTROL_SORTS = ["ref", "title", "status", "frequency", "updated"] as const;
export const ControlListQuery = z.object({
  q: singleLine().max(200).catch(""),
  owner: singleLine().max(100).optional().catch(undefined),
  status: z.enum(CONTROL_STATUSES).optional().catch(undefined),
  frequency: z.enum(CONTROL_FREQUENCIES).optional().catch(undefined),
  unmapped: z.preprocess((value) => value === "1" || value === "true", z.boolean()).catch(false),
  sort: z.enum(CONTROL_SORTS).catch("ref"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ControlListQuery = z.infer<typeof ControlListQuery>;

const KEEP = "keep";
export const BulkUpdateControlsInput = z
  .object({
    controlIds: formList(Id).pipe(
      z
        .array(Id)
        .min(1, "Select at least one control.")
        .max(MAX_BULK_CONTROLS, `Select at most ${MAX_BULK_CONTROLS} controls at once.`),
    ),
    ownerId: singleLine().max(100).default(KEEP),
    status: z.union([z.enum(CONTROL_STATUSES), z.literal(KEEP)]).default(KEEP),
    // Blank keeps each control's grace days.
    graceDays: z.preprocess((value) => (value === KEEP ? undefined : value), GraceDaysField),
    // Every listed row's "id:version", so each selected control is changed from the version shown.
    controlVersions: formList(singleLine().max(120)).pipe(z.array(z.string()).max(1000)),
  })
  .transform(({ controlIds, controlVersions, ownerId, status, graceDays }, context) => {
    const listed = new Map(
      controlVersions.map((entry) => [
        entry.slice(0, entry.lastIndexOf(":")),
        entry.slice(entry.lastIndexOf(":") + 1),
      ]),
    );
    const controls: { id: string; version: number }[] = [];
    for (const id of new Set(controlIds)) {
      const version = VersionField.safeParse(listed.get(id));
      if (!version.success) {
        context.addIssue({ code: "custom", path: ["version"], message: STALE_FORM_MESSAGE });
        return z.NEVER;
      }
      controls.push({ id, version: version.data });
    }
    return {
      controls,
      ownerId: ownerId === KEEP ? undefined : ownerId === "none" || ownerId === "" ? null : ownerId,
      status: status === KEEP ? undefined : status,
      graceDays,
    };
  })
  .refine(
    (input) =>
      input.ownerId !== undefined || input.status !== undefined || input.graceDays !== undefined,
    {
      message: "Choose a new owner, status or grace days.",
      path: ["form"],
    },
  );
export type BulkUpdateControlsInput = z.infer<typeof BulkUpdateControlsInput>;

// Every id list has a bound: SQLite binds at most 999 parameters per query.
const MAX_LINKED = 500;

// What the picker showed ticked: only the changes against it are applied (lib/db/mappings.ts).
const Shown = formList(Id).pipe(z.array(Id).max(2 * MAX_LINKED));

export const ControlMappingsInput = z.object({
  controlId: Id,
  shown: Shown,
  criterionIds: formList(Id).pipe(
    z.array(Id).max(MAX_LINKED, `Choose at most ${MAX_LINKED} criteria.`),
  ),
  objectiveIds: formList(Id).pipe(
    z.array(Id).max(MAX_LINKED, `Choose at most ${MAX_LINKED} objectives.`),
  ),
});

/** The requirements a control maps to, as JSON arrays (the API's mapping writes). */
export const ControlMappingSet = z.object({
  criterionIds: z
    .array(Id, { error: "Send a list of criterion ids." })
    .max(MAX_LINKED, `Choose at most ${MAX_LINKED} criteria.`)
    .default([]),
  objectiveIds: z
    .array(Id, { error: "Send a list of objective ids." })
    .max(MAX_LINKED, `Choose at most ${MAX_LINKED} objectives.`)
    .default([]),
});

export const RequirementControlsInput = z.object({
  engagementId: Id,
  shown: Shown,
  requirementId: Id,
  controlIds: formList(Id).pipe(
    z.array(Id).max(MAX_LINKED, `Choose at most ${MAX_LINKED} controls.`),
  ),
});

export const AdoptStarterControlsInput = z.object({
  refs: formList(singleLine().min(1).max(32)).pipe(
    z.array(z.string()).min(1, "Pick at least one control."),
  ),
});
