"use server";

import { revalidatePath } from "next/cache";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { createApiTokenFromForm } from "@/lib/db/api-tokens-page";
import { CreateApiTokenFormInput, RevokeApiTokenInput } from "@/lib/schemas/api-token";
import { orgAction } from "@/lib/server/action";

/** Answers the secret once: it is never stored, so it cannot be shown again. */
export const createApiTokenAction = orgAction(CreateApiTokenFormInput, async (ctx, input) => {
  const created = await createApiTokenFromForm(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/settings/api-tokens`);
  return created;
});

export const revokeApiTokenAction = orgAction(RevokeApiTokenInput, async (ctx, { tokenId }) => {
  await revokeApiToken(ctx, tokenId);
  revalidatePath(`/o/${ctx.orgSlug}/settings/api-tokens`);
  return null;
});
