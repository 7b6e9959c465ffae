"use server";

import { revalidatePath } from "next/cache";
import { updateReadinessSettings } from "@/lib/db/organization-settings";
import { renameOrganization } from "@/lib/db/organizations";
import { setRequireTwoFactor } from "@/lib/db/two-factor-policy";
import { ReadinessSettingsInput, RenameOrganizationInput } from "@/lib/schemas/organization";
import { RequireTwoFactorInput } from "@/lib/schemas/two-factor";
import { orgAction } from "@/lib/server/action";

export const renameOrganizationAction = orgAction(
  RenameOrganizationInput,
  async (ctx, { name, version }) => {
    await renameOrganization(ctx, name, version);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);

export const setRequireTwoFactorAction = orgAction(
  RequireTwoFactorInput,
  async (ctx, { requireTwoFactor }) => {
    await setRequireTwoFactor(ctx, requireTwoFactor);
    revalidatePath(`/o/${ctx.orgSlug}/settings`);
    return null;
  },
);

export const updateReadinessSettingsAction = orgAction(
  ReadinessSettingsInput,
  async (ctx, input) => {
    await updateReadinessSettings(ctx, input);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return null;
  },
);
