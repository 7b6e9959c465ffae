"use server";

import { revalidatePath } from "next/cache";
import { savePaperworkDraft } from "@/lib/db/paperwork-drafts";
import { SavePaperworkDraftInput } from "@/lib/schemas/paperwork";
import { orgAction } from "@/lib/server/action";

export const savePaperworkDraftAction = orgAction(SavePaperworkDraftInput, async (ctx, input) => {
  const saved = await savePaperworkDraft(ctx, input);
  revalidatePath(`/o/${ctx.orgSlug}/engagements/${input.engagementId}/paperwork`);
  return saved;
});
