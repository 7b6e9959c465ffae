"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  closeAuditorRequest,
  createAuditorRequest,
  reopenAuditorRequest,
} from "@/lib/db/auditor-requests";
import { importRequestList, previewRequestList, type ListSource } from "@/lib/db/request-import";
import {
  acceptRequest,
  replyToRequest,
  scheduleRequest,
  setRequestLinks,
} from "@/lib/db/request-threads";
import type { ListPreviewView } from "@/lib/domain/request-list";
import { ListFileError, readListFile } from "@/lib/domain/request-list-file";
import { AppError } from "@/lib/errors";
import { CloseAuditorRequestInput, CreateAuditorRequestInput } from "@/lib/schemas/auditor";
import { mappingOf, RequestListInput } from "@/lib/schemas/request-list";
import {
  AcceptRequestInput,
  ReplyToRequestInput,
  ScheduleRequestInput,
  SetRequestLinksInput,
} from "@/lib/schemas/request-thread";
import { FormId } from "@/lib/schemas/text";
import { orgAction } from "@/lib/server/action";

const refresh = (orgSlug: string) => revalidatePath(`/o/${orgSlug}`, "layout");

export const createRequestAction = orgAction(CreateAuditorRequestInput, async (ctx, input) => {
  const created = await createAuditorRequest(ctx, input);
  refresh(ctx.orgSlug);
  return created;
});

export const closeRequestAction = orgAction(CloseAuditorRequestInput, async (ctx, input) => {
  await closeAuditorRequest(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

export const reopenRequestAction = orgAction(
  z.object({ requestId: FormId }),
  async (ctx, { requestId }) => {
    await reopenAuditorRequest(ctx, requestId);
    refresh(ctx.orgSlug);
    return null;
  },
);

export const replyToRequestAction = orgAction(ReplyToRequestInput, async (ctx, input) => {
  const reply = await replyToRequest(ctx, input);
  refresh(ctx.orgSlug);
  return reply;
});

export const acceptRequestAction = orgAction(AcceptRequestInput, async (ctx, input) => {
  await acceptRequest(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

export const scheduleRequestAction = orgAction(ScheduleRequestInput, async (ctx, input) => {
  await scheduleRequest(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

export const setRequestLinksAction = orgAction(SetRequestLinksInput, async (ctx, input) => {
  await setRequestLinks(ctx, input);
  refresh(ctx.orgSlug);
  return null;
});

async function sourceOf(input: RequestListInput): Promise<ListSource> {
  try {
    const file = await readListFile(
      input.file.name,
      new Uint8Array(await input.file.arrayBuffer()),
    );
    return { fileName: input.file.name, ...file };
  } catch (error) {
    if (error instanceof ListFileError)
      throw new AppError("VALIDATION", error.message, { file: [error.message] });
    throw error;
  }
}

const SHOWN_ROWS = 300;

/** The mapping step and dry run: nothing is written. */
export const previewRequestListAction = orgAction(
  RequestListInput,
  async (ctx, input): Promise<ListPreviewView> => {
    const preview = await previewRequestList(ctx, input.engagementId, await sourceOf(input), {
      headerRow: input.headerRow,
      mapping: mappingOf(input),
    });
    const { plan } = preview;
    return {
      headerRow: preview.headerRow,
      headers: preview.headers,
      mapping: preview.mapping,
      sample: preview.sample,
      problems: plan.problems,
      creates: plan.creates,
      updates: plan.updates,
      rowsWithErrors: plan.rowsWithErrors,
      total: plan.rows.length,
      rows: plan.rows.slice(0, SHOWN_ROWS).map((row) => ({
        rowNumber: row.rowNumber,
        externalId: row.externalId,
        body: row.body.slice(0, 200),
        dueDate: row.dueDate,
        links: row.requirementCodes.length + row.controlIds.length,
        action: row.action,
        errors: row.errors,
        warnings: row.warnings,
      })),
    };
  },
);

export const importRequestListAction = orgAction(RequestListInput, async (ctx, input) => {
  const mapping = mappingOf(input);
  if (!mapping || input.headerRow === undefined)
    throw new AppError("VALIDATION", "Check the mapping before importing.");
  const result = await importRequestList(ctx, input.engagementId, await sourceOf(input), {
    headerRow: input.headerRow,
    mapping,
  });
  refresh(ctx.orgSlug);
  return result;
});
