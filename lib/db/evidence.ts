import "server-only";
import { notFound } from "@/lib/errors";
import type {
  FileEvidenceInput,
  LinkEvidenceInput,
  NoteEvidenceInput,
} from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { assertNotFuture, assertSlotKey, assertTargets } from "./evidence-checks";
import { isUniqueViolation } from "./prisma-errors";
import { assertControlVisible, assertEvidenceVisible, visibleControlIds } from "./scope";
import { staleEdit } from "./versions";

export type EvidenceRow = {
  id: string;
  kind: string;
  purpose: string;
  title: string;
  note: string | null;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
  slotKey: string | null;
  uploadedBy: string;
  createdAt: Date;
  controls: { id: string; ref: string }[];
  version: number;
};

type Common = Omit<NoteEvidenceInput, "note">;

/** The controls and event are the organisation's, the occurrence suits them, the date is not ahead. */
async function checkEvidenceInput(tx: Tx, ctx: OrgContext, input: Common): Promise<void> {
  await assertTargets(tx, ctx, input.controlIds, input.eventId);
  await assertSlotKey(tx, ctx, input.controlIds, input.slotKey);
  await assertNotFuture(tx, ctx, { effectiveDate: input.effectiveDate }, new Date());
}

async function createEvidence(
  tx: Tx,
  ctx: OrgContext,
  input: Common,
  extra: {
    kind: "note" | "link" | "file";
    note?: string;
    url?: string;
    fileId?: string;
    fileName?: string;
    contentType?: string;
  },
): Promise<{ id: string }> {
  await checkEvidenceInput(tx, ctx, input);
  const controlIds = [...new Set(input.controlIds)];
  const created = await tx.evidence.create({
    data: {
      organizationId: ctx.orgId,
      kind: extra.kind,
      purpose: input.purpose,
      title: input.title,
      note: extra.note ?? null,
      url: extra.url ?? null,
      fileId: extra.fileId ?? null,
      fileName: extra.fileName ?? null,
      contentType: extra.contentType ?? null,
      effectiveDate: input.effectiveDate,
      coverageEnd: input.coverageEnd ?? null,
      eventId: input.eventId ?? null,
      slotKey: input.slotKey ?? null,
      uploadedById: ctx.userId,
      controls: {
        create: controlIds.map((controlId) => ({ controlId, organizationId: ctx.orgId })),
      },
    },
    select: { id: true },
  });
  await recordActivity(tx, ctx, {
    action: "evidence.added",
    entityType: "evidence",
    entityId: created.id,
    after: {
      kind: extra.kind,
      purpose: input.purpose,
      title: input.title,
      effectiveDate: input.effectiveDate,
      coverageEnd: input.coverageEnd ?? null,
      controlIds,
      eventId: input.eventId ?? null,
      fileId: extra.fileId ?? null,
      slotKey: input.slotKey ?? null,
    },
  });
  return created;
}

export async function addNoteEvidence(
  ctx: OrgContext,
  input: NoteEvidenceInput,
): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  const { note, ...common } = input;
  return getDb().$transaction((tx) => createEvidence(tx, ctx, common, { kind: "note", note }));
}

export async function addLinkEvidence(
  ctx: OrgContext,
  input: LinkEvidenceInput,
): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  const { url, ...common } = input;
  return getDb().$transaction((tx) => createEvidence(tx, ctx, common, { kind: "link", url }));
}

export type StoredBlobInfo = { sha256: string; size: number; key: string };

/**
 * The checks addFileEvidence makes of the controls and the event, made before the bytes are
 * stored: an upload refused for its metadata then leaves no file behind.
 */
export async function checkFileEvidenceTargets(
  ctx: OrgContext,
  input: FileEvidenceInput,
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  await checkEvidenceInput(getDb(), ctx, input);
}

/**
 * Records an uploaded file whose bytes are already stored under their content address. The
 * row is written only after the bytes are safe, so a crash in between leaves an unreferenced
 * blob (removed by `npm run files:clean-orphans`), never a row pointing at nothing.
 */
export async function addFileEvidence(
  ctx: OrgContext,
  input: FileEvidenceInput,
  blob: StoredBlobInfo,
  file: { name: string; contentType: string },
): Promise<{ id: string; reused: boolean }> {
  assertCan(ctx, "evidence.edit");
  try {
    return await recordFileEvidence(ctx, input, blob, file);
  } catch (error) {
    // The same file uploaded twice at the same moment: the other upload created the file row.
    if (!isUniqueViolation(error)) throw error;
    return recordFileEvidence(ctx, input, blob, file);
  }
}

function recordFileEvidence(
  ctx: OrgContext,
  input: FileEvidenceInput,
  blob: StoredBlobInfo,
  file: { name: string; contentType: string },
): Promise<{ id: string; reused: boolean }> {
  return getDb().$transaction(async (tx) => {
    const existing = await tx.storedFile.findUnique({
      where: { organizationId_sha256: { organizationId: ctx.orgId, sha256: blob.sha256 } },
      select: { id: true },
    });
    const stored =
      existing ??
      (await tx.storedFile.create({
        data: {
          organizationId: ctx.orgId,
          sha256: blob.sha256,
          size: blob.size,
          storageKey: blob.key,
        },
        select: { id: true },
      }));
    const created = await createEvidence(tx, ctx, input, {
      kind: "file",
      fileId: stored.id,
      fileName: file.name,
      contentType: file.contentType,
    });
    return { id: created.id, reused: existing !== null };
  });
}

/** Evidence already holding a file with this SHA-256, so the client can offer a reuse. */
export async function findEvidenceBySha(
  ctx: OrgContext,
  sha256: string,
): Promise<
  { id: string; title: string; fileName: string | null; controls: string[]; version: number }[]
> {
  assertCan(ctx, "library.view");
  const rows = await getDb().evidence.findMany({
    where: { organizationId: ctx.orgId, file: { sha256 } },
    select: {
      id: true,
      title: true,
      fileName: true,
      version: true,
      controls: { select: { control: { select: { ref: true } } } },
    },
    take: 20,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    fileName: row.fileName,
    controls: row.controls.map((link) => link.control.ref),
    version: row.version,
  }));
}

/** An evidence item's columns without its note text: what lists of metadata read. */
export const evidenceMetadataSelect = {
  id: true,
  kind: true,
  purpose: true,
  title: true,
  url: true,
  fileName: true,
  contentType: true,
  effectiveDate: true,
  coverageEnd: true,
  eventId: true,
  slotKey: true,
  createdAt: true,
  version: true,
  file: { select: { size: true, sha256: true } },
  uploadedBy: { select: { name: true } },
  controls: { select: { control: { select: { id: true, ref: true } } } },
} as const;

const rowSelect = { ...evidenceMetadataSelect, note: true } as const;

/** A control's evidence, newest effective date first. */
export async function listControlEvidence(
  ctx: OrgContext,
  controlId: string,
): Promise<EvidenceRow[]> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const control = await getDb().control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: { id: true },
  });
  if (!control) throw notFound();
  // From the control's links (indexed by control), not the organisation's evidence filtered by
  // a link: that scans every evidence row of the organisation (276 ms at 200,000 of them).
  const links = await getDb().evidenceControl.findMany({
    where: { organizationId: ctx.orgId, controlId },
    orderBy: [{ evidence: { effectiveDate: "desc" } }, { evidence: { createdAt: "desc" } }],
    select: { evidence: { select: rowSelect } },
  });
  const rows = links.map((link) => link.evidence);
  // An auditor is not told which controls outside their engagements the evidence also supports.
  const visible = await visibleControlIds(ctx);
  return rows.map(({ file, uploadedBy, controls, ...row }) => ({
    ...row,
    size: file?.size ?? null,
    sha256: file?.sha256 ?? null,
    uploadedBy: uploadedBy.name,
    controls: controls
      .map((link) => link.control)
      .filter((control) => visible === null || visible.has(control.id)),
  }));
}

/**
 * Evidence reuse: the same item supports more controls. `version` is the one the item was shown
 * at; the link moves it on, so a deletion confirmed from an older list of controls is refused.
 */
export async function linkEvidenceToControls(
  ctx: OrgContext,
  evidenceId: string,
  controlIds: readonly string[],
  version: number,
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  await getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, organizationId: ctx.orgId },
      select: {
        id: true,
        version: true,
        slotKey: true,
        controls: { select: { controlId: true } },
      },
    });
    if (!evidence) throw notFound();
    if (evidence.version !== version) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    await assertTargets(tx, ctx, controlIds);
    // Evidence for one occurrence goes only to controls that have such an occurrence.
    await assertSlotKey(tx, ctx, controlIds, evidence.slotKey);
    const have = new Set(evidence.controls.map((link) => link.controlId));
    const added = [...new Set(controlIds)].filter((id) => !have.has(id));
    if (!added.length) return;
    const { count } = await tx.evidence.updateMany({
      where: { id: evidenceId, organizationId: ctx.orgId, version },
      data: { version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    await tx.evidenceControl.createMany({
      data: added.map((controlId) => ({ evidenceId, controlId, organizationId: ctx.orgId })),
    });
    await recordActivity(tx, ctx, {
      action: "evidence.linked",
      entityType: "evidence",
      entityId: evidenceId,
      before: { controlIds: [...have].sort() },
      after: { controlIds: [...have, ...added].sort() },
    });
  });
}

export type DownloadableFile = {
  storageKey: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
};

/** What a member needs to download an evidence file; other organisations get NOT_FOUND. */
export async function getEvidenceFile(
  ctx: OrgContext,
  evidenceId: string,
): Promise<DownloadableFile> {
  assertCan(ctx, "org.view");
  await assertEvidenceVisible(ctx, evidenceId);
  const evidence = await getDb().evidence.findFirst({
    where: { id: evidenceId, organizationId: ctx.orgId, kind: "file" },
    select: {
      fileName: true,
      contentType: true,
      file: { select: { storageKey: true, sha256: true, size: true } },
    },
  });
  if (!evidence?.file) throw notFound();
  return {
    storageKey: evidence.file.storageKey,
    fileName: evidence.fileName ?? "file",
    contentType: evidence.contentType ?? "application/octet-stream",
    sha256: evidence.file.sha256,
    size: evidence.file.size,
  };
}

/** Storage keys in `keys` that an evidence file or a kept export still references (for orphan cleanup). */
export async function referencedStorageKeys(keys: readonly string[]): Promise<Set<string>> {
  const db = getDb();
  const [files, exports] = await Promise.all([
    db.storedFile.findMany({
      where: { storageKey: { in: [...keys] } },
      select: { storageKey: true },
    }),
    db.exportRun.findMany({
      where: { storageKey: { in: [...keys] } },
      select: { storageKey: true },
    }),
  ]);
  return new Set([
    ...files.map((row) => row.storageKey),
    ...exports.flatMap((row) => (row.storageKey ? [row.storageKey] : [])),
  ]);
}
