"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  closeAuditorRequest,
  createAuditorRequest,
  reopenAuditorRequest,
} from "@/lib/db/auditor-requests";
import { CloseAuditorRequestInput, CreateAuditorRequestInput } from "@/lib/schemas/auditor";
import { orgAction } from "@/lib/server/action";
import { FormId } from "@/lib/schemas/text";

export const createRequestAction = orgAction(CreateAuditorRequestInput, async (ctx, input) => {
  const created = await createAuditorRequest(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/requests`);
  return created;
});

export const closeRequestAction = orgAction(CloseAuditorRequestInput, async (ctx, input) => {
  await closeAuditorRequest(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/requests`);
  return null;
});

export const reopenRequestAction = orgAction(
  z.object({ requestId: FormId }),
  async (ctx, { requestId }) => {
    await reopenAuditorRequest(ctx, requestId);
    revalidatePath(`/o/${ctx.orgSlug}/requests`);
    return null;
  },
);
