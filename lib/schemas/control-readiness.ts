import { z } from "zod";
import { CONTROL_STATES } from "@/lib/domain/readiness/control-filter";

const blankIsNone = (value: unknown) => (value === "" ? undefined : value);

/** The control readiness page's filter, from the query string: `control` text and `state`. */
export const ControlReadinessQuery = z.object({
  control: z.preprocess(blankIsNone, z.string().max(100).optional()),
  state: z.preprocess(blankIsNone, z.enum(CONTROL_STATES).optional()),
});
export type ControlReadinessQuery = z.infer<typeof ControlReadinessQuery>;
