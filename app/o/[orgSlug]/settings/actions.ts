"use server";

import { revalidatePath } from "next/cache";
import { renameOrganization } from "@/lib/db/organizations";
import { RenameOrganizationInput } from "@/lib/schemas/organization";
import { orgAction } from "@/lib/server/action";

export const renameOrganizationAction = orgAction(RenameOrganizationInput, async (ctx, { name }) => {
  await renameOrganization(ctx, name);
  revalidatePath(`/o/${ctx.orgSlug}`, "layout");
  return null;
});
