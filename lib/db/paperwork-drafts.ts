import "server-only";
import type { PaperworkKind } from "@/lib/domain/export/paperwork";
import { AppError, forbidden } from "@/lib/errors";
import type { SavePaperworkDraftInput } from "@/lib/schemas/paperwork";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { getEngagement } from "./engagements";
import { canWriteDescription } from "@/lib/domain/description/states";
import { isUniqueViolation } from "./prisma-errors";

// Paperwork drafts (management assertion, bridge letter) kept on the server, one per engagement
// and kind, with a version for every save, like the system description. Writers as for the
// description (editors, admins, owners); readers see the saved draft; others' engagements 404.

export type SavedDraft = { body: string; version: number; currentVersion: number; savedAt: Date };

export async function loadPaperworkDraft(
  ctx: OrgContext,
  engagementId: string,
  kind: PaperworkKind,
): Promise<SavedDraft | null> {
  assertCan(ctx, "org.view");
  await getEngagement(ctx, engagementId);
  const draft = await getDb().paperworkDraft.findFirst({
    where: { organizationId: ctx.orgId, engagementId, kind },
    select: { body: true, version: true, currentVersion: true, updatedAt: true },
  });
  return draft
    ? {
        body: draft.body,
        version: draft.version,
        currentVersion: draft.currentVersion,
        savedAt: draft.updatedAt,
      }
    : null;
}

const stale = () =>
  new AppError(
    "CONFLICT",
    "Someone saved this draft after you opened it. Reload to see theirs; your text is kept here.",
    {
      version: ["Someone saved this draft after you opened it."],
    },
  );

export async function savePaperworkDraft(
  ctx: OrgContext,
  input: SavePaperworkDraftInput,
): Promise<{ version: number; currentVersion: number }> {
  if (!canWriteDescription(ctx.role)) throw forbidden();
  await getEngagement(ctx, input.engagementId);
  try {
    return await getDb().$transaction(async (tx) => {
      const existing = await tx.paperworkDraft.findFirst({
        where: { organizationId: ctx.orgId, engagementId: input.engagementId, kind: input.kind },
        select: { id: true, body: true, version: true, currentVersion: true },
      });
      if ((existing?.version ?? 0) !== input.version) throw stale();
      if (existing && existing.body === input.markdown)
        return { version: existing.version, currentVersion: existing.currentVersion };
      const number = (existing?.currentVersion ?? 0) + 1;
      let id: string;
      if (existing) {
        const updated = await tx.paperworkDraft.updateMany({
          where: { id: existing.id, version: input.version },
          data: { body: input.markdown, currentVersion: number, version: { increment: 1 } },
        });
        if (updated.count !== 1) throw stale();
        id = existing.id;
      } else {
        id = (
          await tx.paperworkDraft.create({
            data: {
              organizationId: ctx.orgId,
              engagementId: input.engagementId,
              kind: input.kind,
              body: input.markdown,
              currentVersion: 1,
              version: 1,
            },
            select: { id: true },
          })
        ).id;
      }
      await tx.paperworkDraftVersion.create({
        data: { draftId: id, number, body: input.markdown, savedById: ctx.userId },
      });
      await recordActivity(tx, ctx, {
        action: "paperwork.saved",
        entityType: "paperwork_draft",
        entityId: id,
        changes: { body: { from: existing?.body ?? "", to: input.markdown } },
        context: { engagementId: input.engagementId, kind: input.kind, version: number },
      });
      return { version: input.version + 1, currentVersion: number };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
}
