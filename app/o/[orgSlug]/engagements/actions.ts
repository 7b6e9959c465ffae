"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  clearNotApplicable,
  createEngagement,
  markNotApplicable,
  setEngagementArchived,
  updateEngagement,
} from "@/lib/db/engagements";
import { setRequirementControls } from "@/lib/db/mappings";
import {
  ArchiveEngagementInput,
  ClearNotApplicableInput,
  EngagementInput,
  NotApplicableInput,
  UpdateEngagementInput,
} from "@/lib/schemas/engagement";
import { RequirementControlsInput } from "@/lib/schemas/control";
import { orgAction } from "@/lib/server/action";

export const createEngagementAction = orgAction(EngagementInput, async (ctx, input) => {
  const { id } = await createEngagement(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/engagements`);
  return { id };
});

export const updateEngagementAction = orgAction(
  UpdateEngagementInput,
  async (ctx, { engagementId, version, ...input }) => {
    await updateEngagement(ctx, engagementId, input, version);
    revalidatePath(`/o/${ctx.orgSlug}/engagements`, "layout");
    return { id: engagementId };
  },
);

export const archiveEngagementAction = orgAction(
  ArchiveEngagementInput,
  async (ctx, { engagementId, archived, version }) => {
    await setEngagementArchived(ctx, engagementId, archived, version);
    revalidatePath(`/o/${ctx.orgSlug}/engagements`, "layout");
    return null;
  },
);

export const markNotApplicableAction = orgAction(
  NotApplicableInput,
  async (ctx, { engagementId, requirementId, justification }) => {
    await markNotApplicable(ctx, engagementId, requirementId, justification);
    revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}`, "layout");
    return null;
  },
);

export const clearNotApplicableAction = orgAction(
  ClearNotApplicableInput,
  async (ctx, { engagementId, requirementId, exclusionId }) => {
    await clearNotApplicable(ctx, engagementId, requirementId, exclusionId);
    revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}`, "layout");
    return null;
  },
);

export const setRequirementControlsAction = orgAction(
  RequirementControlsInput.extend({ kind: z.enum(["criterion", "objective"]) }),
  async (ctx, { engagementId, kind, requirementId, controlIds, shown }) => {
    await setRequirementControls(ctx, kind, requirementId, controlIds, shown);
    revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}`, "layout");
    return null;
  },
);
