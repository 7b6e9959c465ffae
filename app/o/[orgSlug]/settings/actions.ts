"use server";

import { revalidatePath } from "next/cache";
import { renameOrganization } from "@/lib/db/organizations";
import { setRequireTwoFactor } from "@/lib/db/two-factor-policy";
import { RenameOrganizationInput } from "@/lib/schemas/organization";
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
