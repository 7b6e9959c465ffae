"use server";

import { revalidatePath } from "next/cache";
import { addLinkEvidence, addNoteEvidence, linkEvidenceToControls } from "@/lib/db/evidence";
import { deleteEvidence, updateEvidence } from "@/lib/db/evidence-corrections";
import {
  deleteException,
  recordException,
  remediateException,
  updateException,
} from "@/lib/db/exceptions";
import { addPopulationEvent, deletePopulationEvent, importPopulation } from "@/lib/db/population";
import {
  DeleteEvidenceInput,
  DeleteExceptionInput,
  ExceptionInput,
  LinkEvidenceInput,
  LinkEvidenceToControlsInput,
  NoteEvidenceInput,
  PopulationCsvInput,
  PopulationEventInput,
  RemediateExceptionInput,
  UpdateEvidenceInput,
  UpdateExceptionInput,
} from "@/lib/schemas/evidence";
import { AppError } from "@/lib/errors";
import { orgAction } from "@/lib/server/action";
import { z } from "zod";
import { FormId } from "@/lib/schemas/text";

const refresh = (orgSlug: string) => revalidatePath(`/o/${orgSlug}`, "layout");

export const addNoteEvidenceAction = orgAction(NoteEvidenceInput, async (ctx, input) => {
  const result = await addNoteEvidence(ctx, input);
  refresh(ctx.orgSlug);
  return result;
});

export const addLinkEvidenceAction = orgAction(LinkEvidenceInput, async (ctx, input) => {
  const result = await addLinkEvidence(ctx, input);
  refresh(ctx.orgSlug);
  return result;
});

export const linkEvidenceAction = orgAction(
  LinkEvidenceToControlsInput,
  async (ctx, { evidenceId, controlIds, version }) => {
    await linkEvidenceToControls(ctx, evidenceId, controlIds, version);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const deleteEvidenceAction = orgAction(
  DeleteEvidenceInput,
  async (ctx, { evidenceId, version, reason }) => {
    await deleteEvidence(ctx, evidenceId, version, reason);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const updateEvidenceAction = orgAction(UpdateEvidenceInput, async (ctx, input) => {
  await updateEvidence(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

export const updateExceptionAction = orgAction(UpdateExceptionInput, async (ctx, input) => {
  await updateException(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

export const deleteExceptionAction = orgAction(
  DeleteExceptionInput,
  async (ctx, { exceptionId, version, reason }) => {
    await deleteException(ctx, exceptionId, version, reason);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const recordExceptionAction = orgAction(ExceptionInput, async (ctx, input) => {
  const result = await recordException(ctx, input);
  refresh(ctx.orgSlug);
  return result;
});

export const remediateExceptionAction = orgAction(
  RemediateExceptionInput,
  async (ctx, { exceptionId, remediationNote, version }) => {
    await remediateException(ctx, exceptionId, remediationNote, version);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const addEventAction = orgAction(PopulationEventInput, async (ctx, input) => {
  const result = await addPopulationEvent(ctx, input);
  refresh(ctx.orgSlug);
  return result;
});

export const importPopulationAction = orgAction(
  PopulationCsvInput,
  async (ctx, { controlId, csv }) => {
    const result = await importPopulation(ctx, controlId, csv);
    if (result.problems.length) {
      const lines = result.problems
        .slice(0, 10)
        .map((problem) =>
          problem.row ? `Row ${problem.row}: ${problem.message}` : problem.message,
        );
      throw new AppError("VALIDATION", "Nothing was imported.", {
        csv: [
          ...lines,
          ...(result.problems.length > 10
            ? [`and ${result.problems.length - 10} more problems`]
            : []),
          "Nothing was imported: fix these rows and try again.",
        ],
      });
    }
    refresh(ctx.orgSlug);
    return result;
  },
);

export const deleteEventAction = orgAction(
  z.object({ eventId: FormId }),
  async (ctx, { eventId }) => {
    await deletePopulationEvent(ctx, eventId);
    refresh(ctx.orgSlug);
    return null;
  },
);
