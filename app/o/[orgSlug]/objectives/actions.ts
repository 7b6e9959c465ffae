"use server";

import { revalidatePath } from "next/cache";

import {
  adoptStarterObjectives,
  createObjective,
  moveObjective,
  setObjectiveRetired,
  updateObjective,
} from "@/lib/db/objectives";
import {
  AdoptStarterObjectivesInput,
  MoveObjectiveInput,
  ObjectiveInput,
  RetireObjectiveInput,
  UpdateObjectiveInput,
} from "@/lib/schemas/objective";
import { orgAction } from "@/lib/server/action";

const refresh = (orgSlug: string) => revalidatePath(`/o/${orgSlug}`, "layout");

export const createObjectiveAction = orgAction(ObjectiveInput, async (ctx, input) => {
  const result = await createObjective(ctx, input);
  refresh(ctx.orgSlug);
  return result;
});

export const updateObjectiveAction = orgAction(
  UpdateObjectiveInput,
  async (ctx, { objectiveId, version, ...input }) => {
    await updateObjective(ctx, objectiveId, input, version);
    refresh(ctx.orgSlug);
    return { id: objectiveId };
  },
);

export const moveObjectiveAction = orgAction(
  MoveObjectiveInput,
  async (ctx, { objectiveId, direction }) => {
    await moveObjective(ctx, objectiveId, direction);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const retireObjectiveAction = orgAction(
  RetireObjectiveInput,
  async (ctx, { objectiveId, retired, version }) => {
    await setObjectiveRetired(ctx, objectiveId, retired, version);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const adoptStarterObjectivesAction = orgAction(
  AdoptStarterObjectivesInput,
  async (ctx, { refs }) => {
    const result = await adoptStarterObjectives(ctx, refs);
    refresh(ctx.orgSlug);
    return result;
  },
);
