"use server";

import { revalidatePath } from "next/cache";
import { bulkUpdateControls, createControl, updateControl } from "@/lib/db/controls";
import { setControlMappings } from "@/lib/db/mappings";
import { adoptStarterControls } from "@/lib/db/starter-controls";
import {
  AdoptStarterControlsInput,
  BulkUpdateControlsInput,
  ControlInput,
  ControlMappingsInput,
  UpdateControlInput,
} from "@/lib/schemas/control";
import { orgAction } from "@/lib/server/action";

export const createControlAction = orgAction(ControlInput, async (ctx, input) => {
  const { id } = await createControl(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/controls`);
  return { id };
});

export const updateControlAction = orgAction(
  UpdateControlInput,
  async (ctx, { controlId, version, ...input }) => {
    await updateControl(ctx, controlId, input, version);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);

export const bulkUpdateControlsAction = orgAction(BulkUpdateControlsInput, async (ctx, input) => {
  const result = await bulkUpdateControls(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/controls`);
  return result;
});

export const setControlMappingsAction = orgAction(
  ControlMappingsInput,
  async (ctx, { controlId, criterionIds, objectiveIds, shown }) => {
    await setControlMappings(ctx, controlId, criterionIds, objectiveIds, shown);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);

export const adoptStarterControlsAction = orgAction(
  AdoptStarterControlsInput,
  async (ctx, { refs }) => {
    const result = await adoptStarterControls(ctx, refs);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return result;
  },
);
