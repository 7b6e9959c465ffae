import { z } from "zod";
import { OBJECTIVE_AREAS } from "@/lib/domain/catalog";
import { formList } from "./form";

export const ObjectiveInput = z.object({
  ref: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "Use up to 32 letters, digits, dots, dashes or underscores."),
  area: z.enum(OBJECTIVE_AREAS, { error: "Choose IT general controls or business processes." }),
  title: z.string().trim().min(3, "Use at least 3 characters.").max(200, "Use at most 200 characters."),
  objective: z.string().trim().min(10, "State the objective in at least 10 characters.").max(2000, "Use at most 2,000 characters."),
});
export type ObjectiveInput = z.infer<typeof ObjectiveInput>;

export const ObjectiveIdInput = z.object({ objectiveId: z.string().min(1).max(64) });
export const UpdateObjectiveInput = ObjectiveInput.extend({ objectiveId: z.string().min(1).max(64) });
export const MoveObjectiveInput = ObjectiveIdInput.extend({ direction: z.enum(["up", "down"]) });
export const AdoptStarterObjectivesInput = z.object({ refs: formList(z.string().min(1).max(32)).pipe(z.array(z.string()).min(1, "Pick at least one objective.")) });
