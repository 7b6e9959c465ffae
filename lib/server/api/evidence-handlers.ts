import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { ResolvedApiToken } from "@/lib/db/api-tokens";
import { assertCan } from "@/lib/db/authorize";
import type { OrgContext } from "@/lib/db/context";
import {
  addFileEvidence,
  addLinkEvidence,
  addNoteEvidence,
  checkFileEvidenceTargets,
} from "@/lib/db/evidence";
import { visibleControlIds } from "@/lib/db/scope";
import { cleanFileName } from "@/lib/domain/evidence";
import { AppError, notFound } from "@/lib/errors";
import { FileEvidenceInput, LinkEvidenceInput, NoteEvidenceInput } from "@/lib/schemas/evidence";
import { declaredContentType } from "@/lib/schemas/upload";
import {
  assertDeclaredSize,
  MULTIPART_OVERHEAD_BYTES,
  receiveMultipart,
  storeUpload,
  type MultipartFields,
} from "@/lib/server/evidence-upload";
import { maxUploadBytes } from "@/lib/storage";
import { idParam, respond } from "./conventions";
import {
  EvidenceCreatedBody,
  FileEvidenceFields,
  LinkEvidenceBody,
  NoteEvidenceBody,
  withControls,
} from "./evidence-writes";
import { idempotencyKeyOf, withIdempotency } from "./idempotency";
import { parseWith, readJsonObject } from "./json-body";

// The handlers of POST /api/v1/controls/{controlId}/evidence/notes|links|files. Each checks the
// token's role (viewer: 403) and scope (a control outside its engagements: 404, as another
// organisation's), then writes through the same data-access functions as the control page.

type Params = { controlId: string };
type Created = z.input<typeof EvidenceCreatedBody>["data"];

/** Every linked control must be within the token's engagements (the organisation is checked later). */
async function assertControlsReachable(ctx: OrgContext, controlIds: readonly string[]) {
  const visible = await visibleControlIds(ctx);
  if (visible !== null && controlIds.some((id) => !visible.has(id))) throw notFound();
}

function createdBody(data: Created): Response {
  return respond(EvidenceCreatedBody, { data }, { status: 201 });
}

const summary = (
  id: string,
  kind: Created["kind"],
  input: {
    title: string;
    purpose: Created["purpose"];
    effectiveDate: string;
    controlIds: string[];
  },
  file: Created["file"] = null,
): Created => ({
  id,
  kind,
  title: input.title,
  purpose: input.purpose,
  effectiveDate: input.effectiveDate,
  controlIds: [...new Set(input.controlIds)],
  file,
});

/** POST …/evidence/notes and …/evidence/links: JSON bodies. */
export function jsonEvidenceHandler(kind: "note" | "link") {
  return async (token: ResolvedApiToken, request: NextRequest, params: Params) => {
    const { ctx } = token;
    assertCan(ctx, "evidence.edit");
    const controlId = idParam(params.controlId);
    const key = idempotencyKeyOf(request);
    const body = await readJsonObject(request);
    if (kind === "note") {
      const fields = parseWith(NoteEvidenceBody, body);
      const input = parseWith(NoteEvidenceInput, { ...fields, ...withControls(controlId, fields) });
      await assertControlsReachable(ctx, input.controlIds);
      return withIdempotency(token, request, key, input, async () =>
        createdBody(summary((await addNoteEvidence(ctx, input)).id, "note", input)),
      );
    }
    const fields = parseWith(LinkEvidenceBody, body);
    const input = parseWith(LinkEvidenceInput, { ...fields, ...withControls(controlId, fields) });
    await assertControlsReachable(ctx, input.controlIds);
    return withIdempotency(token, request, key, input, async () =>
      createdBody(summary((await addLinkEvidence(ctx, input)).id, "link", input)),
    );
  };
}

function decoded(value: string | null, name: string): string | undefined {
  if (value === null) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError("VALIDATION", undefined, { [name]: ["Percent-encode it as UTF-8."] });
  }
}

/** A raw upload's metadata, from its X-Evidence-… headers. */
function headerFields(request: NextRequest): MultipartFields {
  const header = (name: string) => decoded(request.headers.get(`x-evidence-${name}`), name);
  const fields: Record<string, string | string[] | undefined> = {
    title: header("title"),
    purpose: header("purpose"),
    effectiveDate: header("effective-date"),
    coverageEnd: header("coverage-end"),
    slotKey: header("slot-key"),
    eventId: header("event-id"),
    alsoControlIds: header("also-control-ids")
      ?.split(",")
      .map((id) => id.trim())
      .filter(Boolean),
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string | string[]] => !!entry[1]),
  );
}

/** The metadata checked before a byte is stored: fields, scope, the controls and event. */
async function checkedFileInput(ctx: OrgContext, controlId: string, raw: MultipartFields) {
  const list = raw.alsoControlIds;
  const fields = parseWith(FileEvidenceFields, {
    ...raw,
    ...(list === undefined ? {} : { alsoControlIds: [list].flat() }),
  });
  const input = parseWith(FileEvidenceInput, { ...fields, ...withControls(controlId, fields) });
  await assertControlsReachable(ctx, input.controlIds);
  await checkFileEvidenceTargets(ctx, input);
  return input;
}

/** POST …/evidence/files: multipart, or the raw file with its metadata in headers. */
export async function fileEvidenceHandler(
  token: ResolvedApiToken,
  request: NextRequest,
  params: Params,
): Promise<Response> {
  const { ctx } = token;
  assertCan(ctx, "evidence.edit");
  const controlId = idParam(params.controlId);
  const key = idempotencyKeyOf(request);
  const limit = maxUploadBytes();
  const type = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data/i.test(type);
  assertDeclaredSize(request, limit, multipart ? MULTIPART_OVERHEAD_BYTES : 0);
  let upload;
  if (multipart) {
    upload = await receiveMultipart(request, ctx.orgId, limit, (fields) =>
      checkedFileInput(ctx, controlId, fields),
    );
  } else {
    const input = await checkedFileInput(ctx, controlId, headerFields(request));
    if (!request.body) throw new AppError("VALIDATION", "The upload is empty.");
    upload = {
      prepared: input,
      blob: await storeUpload(ctx.orgId, request.body, limit),
      fileName: decoded(request.headers.get("x-evidence-file-name"), "file-name") ?? "file",
      contentType: type,
    };
  }
  const input = upload.prepared;
  const file = {
    name: cleanFileName(upload.fileName || "file"),
    contentType: declaredContentType(upload.contentType),
  };
  const inputs = { input, file, sha256: upload.blob.sha256 };
  return withIdempotency(token, request, key, inputs, async () => {
    const made = await addFileEvidence(ctx, input, upload.blob, file);
    return createdBody(
      summary(made.id, "file", input, {
        ...file,
        sha256: upload.blob.sha256,
        size: upload.blob.size,
        reused: made.reused,
      }),
    );
  });
}
