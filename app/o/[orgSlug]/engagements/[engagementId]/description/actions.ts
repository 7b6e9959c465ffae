"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  attachSectionEvidence,
  changeSectionState,
  detachSectionEvidence,
  saveSection,
  setSectionOwner,
} from "@/lib/db/description-edit";
import { overrideSection, removeOverride } from "@/lib/db/description-history";
import { createSectionRequest } from "@/lib/db/request-sections";
import {
  ChangeSectionStateInput,
  CreateSectionRequestInput,
  SaveSectionInput,
  SectionEvidenceInput,
  SetSectionOwnerInput,
} from "@/lib/schemas/description";
import { FormId } from "@/lib/schemas/text";
import type { OrgContext } from "@/lib/db/context";
import { orgAction } from "@/lib/server/action";

const WithEngagement = z.object({ engagementId: FormId });

function refresh(ctx: OrgContext, engagementId: string): void {
  revalidatePath(`/o/${ctx.orgSlug}/engagements/${engagementId}/description`, "layout");
}

export const saveSectionAction = orgAction(SaveSectionInput, async (ctx, input) => {
  const saved = await saveSection(ctx, input);
  refresh(ctx, input.engagementId);
  return saved;
});

export const changeSectionStateAction = orgAction(
  ChangeSectionStateInput.extend(WithEngagement.shape),
  async (ctx, input) => {
    await changeSectionState(ctx, input);
    refresh(ctx, input.engagementId);
    return null;
  },
);

export const setSectionOwnerAction = orgAction(
  SetSectionOwnerInput.extend(WithEngagement.shape),
  async (ctx, input) => {
    await setSectionOwner(ctx, input);
    refresh(ctx, input.engagementId);
    return null;
  },
);

export const attachSectionEvidenceAction = orgAction(
  SectionEvidenceInput.extend(WithEngagement.shape),
  async (ctx, input) => {
    await attachSectionEvidence(ctx, input);
    refresh(ctx, input.engagementId);
    return null;
  },
);

export const detachSectionEvidenceAction = orgAction(
  SectionEvidenceInput.extend(WithEngagement.shape),
  async (ctx, input) => {
    await detachSectionEvidence(ctx, input);
    refresh(ctx, input.engagementId);
    return null;
  },
);

export const overrideSectionAction = orgAction(
  z.object({ engagementId: FormId, sectionId: FormId }),
  async (ctx, input) => {
    const created = await overrideSection(ctx, input.engagementId, input.sectionId);
    refresh(ctx, input.engagementId);
    return created;
  },
);

export const removeOverrideAction = orgAction(
  z.object({ engagementId: FormId, sectionId: FormId }),
  async (ctx, input) => {
    await removeOverride(ctx, input.engagementId, input.sectionId);
    refresh(ctx, input.engagementId);
    return null;
  },
);

/** The auditor asks about a section; the request joins the others under Auditor requests. */
export const createSectionRequestAction = orgAction(
  CreateSectionRequestInput,
  async (ctx, input) => {
    const created = await createSectionRequest(ctx, input);
    revalidatePath(`/o/${ctx.orgSlug}`, "layout");
    return created;
  },
);
