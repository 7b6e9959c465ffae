import { z } from "zod";
import { OBJECTIVE_AREAS } from "@/lib/domain/catalog";
import { CheckboxField, formList } from "./form";
import { FormId, multiLine, singleLine } from "./text";
import { VersionField } from "./version";

export const ObjectiveInput = z.object({
  ref: singleLine().regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
    "Use up to 32 letters, digits, dots, dashes or underscores.",
  ),
  area: z.enum(OBJECTIVE_AREAS, { error: "Choose IT general controls or business processes." }),
  title: singleLine().min(3, "Use at least 3 characters.").max(200, "Use at most 200 characters."),
  objective: multiLine()
    .trim()
    .min(10, "State the objective in at least 10 characters.")
    .max(2000, "Use at most 2,000 characters."),
});
export type ObjectiveInput = z.infer<typeof ObjectiveInput>;

export const ObjectiveIdInput = z.object({ objectiveId: FormId });
export const UpdateObjectiveInput = ObjectiveInput.extend({
  objectiveId: FormId,
  version: VersionField,
});
export const RetireObjectiveInput = ObjectiveIdInput.extend({
  retired: CheckboxField,
  version: VersionField,
});
export const MoveObjectiveInput = ObjectiveIdInput.extend({ direction: z.enum(["up", "down"]) });
export const AdoptStarterObjectivesInput = z.object({
  refs: formList(singleLine().min(1).max(32)).pipe(
    z.array(z.string()).min(1, "Pick at least one objective."),
  ),
});
