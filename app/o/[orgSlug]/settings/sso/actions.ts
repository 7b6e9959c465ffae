"use server";

import { revalidatePath } from "next/cache";
import { updateSsoSettings } from "@/lib/db/sso";
import { SsoSettingsFormInput } from "@/lib/schemas/sso";
import { orgAction } from "@/lib/server/action";

export const updateSsoSettingsAction = orgAction(SsoSettingsFormInput, async (ctx, input) => {
  await updateSsoSettings(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/settings/sso`);
  return null;
});
