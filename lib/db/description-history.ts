import "server-only";
import { wordDiff, type DiffPart } from "@/lib/domain/description/diff";
import { outlineSection } from "@/lib/domain/description/outline";
import { canWriteDescription } from "@/lib/domain/description/states";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { SHARED_SCOPE } from "./description";
import { getEngagement } from "./engagements";
import { isUniqueViolation } from "./prisma-errors";
import { moveSectionRequests } from "./request-sections";

// A section's versions and the comparison of two of them, and the per-engagement override of a
// shared section (and going back to the shared one). Readers see a section only through an
// engagement they may see; a section of another engagement or organisation is not found.

/** The section, if it belongs to the engagement's description (its own, or shared). */
async function sectionOfEngagement(ctx: OrgContext, engagementId: string, sectionId: string) {
  assertCan(ctx, "org.view");
  const engagement = await getEngagement(ctx, engagementId);
  const section = await getDb().descriptionSection.findFirst({
    where: {
      id: sectionId,
      organizationId: ctx.orgId,
      scopeKey: { in: [engagementId, SHARED_SCOPE] },
    },
    select: { id: true, key: true, title: true, body: true, scopeKey: true, currentVersion: true },
  });
  if (!section || !outlineSection(engagement.family, engagement.type, section.key))
    throw notFound();
  return { engagement, section };
}

export type SectionVersionRow = { number: number; title: string; savedBy: string; savedAt: Date };

/** The most versions listed; older ones stay stored and comparable by number. */
export const MAX_LISTED_VERSIONS = 200;

export async function sectionVersions(
  ctx: OrgContext,
  engagementId: string,
  sectionId: string,
): Promise<SectionVersionRow[]> {
  await sectionOfEngagement(ctx, engagementId, sectionId);
  const rows = await getDb().descriptionSectionVersion.findMany({
    where: { sectionId },
    orderBy: { number: "desc" },
    take: MAX_LISTED_VERSIONS,
    select: { number: true, title: true, savedAt: true, savedBy: { select: { name: true } } },
  });
  return rows.map((row) => ({
    number: row.number,
    title: row.title,
    savedAt: row.savedAt,
    savedBy: row.savedBy.name,
  }));
}

/** The word-level difference between two saved versions of the section. */
export async function compareSectionVersions(
  ctx: OrgContext,
  engagementId: string,
  sectionId: string,
  from: number,
  to: number,
): Promise<{ parts: DiffPart[]; complete: boolean }> {
  await sectionOfEngagement(ctx, engagementId, sectionId);
  const rows = await getDb().descriptionSectionVersion.findMany({
    where: { sectionId, number: { in: [from, to] } },
    select: { number: true, body: true },
  });
  const before = rows.find((row) => row.number === from);
  const after = rows.find((row) => row.number === to);
  if (!before || !after) throw notFound();
  return wordDiff(before.body, after.body);
}

/** Gives the engagement its own copy of a shared section, to be edited without touching the others. */
export async function overrideSection(
  ctx: OrgContext,
  engagementId: string,
  sharedId: string,
): Promise<{ id: string }> {
  if (!canWriteDescription(ctx.role)) throw forbidden();
  const { section } = await sectionOfEngagement(ctx, engagementId, sharedId);
  if (section.scopeKey !== SHARED_SCOPE)
    throw new AppError("VALIDATION", "This section already belongs to this engagement only.");
  try {
    return await getDb().$transaction(async (tx) => {
      const created = await tx.descriptionSection.create({
        data: {
          organizationId: ctx.orgId,
          engagementId,
          scopeKey: engagementId,
          key: section.key,
          title: section.title,
          body: section.body,
          currentVersion: 1,
          version: 1,
        },
        select: { id: true },
      });
      await tx.descriptionSectionVersion.create({
        data: {
          sectionId: created.id,
          number: 1,
          title: section.title,
          body: section.body,
          savedById: ctx.userId,
        },
      });
      await moveSectionRequests(tx, ctx, engagementId, section.id, created.id);
      await recordActivity(tx, ctx, {
        action: "description.section_overridden",
        entityType: "description_section",
        entityId: created.id,
        after: { key: section.key, title: section.title, engagementId, sharedId },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "This engagement already has its own version of the section.");
    throw error;
  }
}

/** Deletes the engagement's own section (its versions go with it) so the shared one shows again. */
export async function removeOverride(
  ctx: OrgContext,
  engagementId: string,
  sectionId: string,
): Promise<void> {
  if (!canWriteDescription(ctx.role)) throw forbidden();
  const { section } = await sectionOfEngagement(ctx, engagementId, sectionId);
  if (section.scopeKey !== engagementId) throw notFound();
  await getDb().$transaction(async (tx) => {
    const shared = await tx.descriptionSection.findFirst({
      where: { organizationId: ctx.orgId, scopeKey: SHARED_SCOPE, key: section.key },
      select: { id: true },
    });
    if (!shared) throw new AppError("VALIDATION", "There is no shared section to go back to.");
    await moveSectionRequests(tx, ctx, engagementId, section.id, shared.id);
    await tx.descriptionSection.delete({ where: { id: section.id } });
    await recordActivity(tx, ctx, {
      action: "description.override_removed",
      entityType: "description_section",
      entityId: section.id,
      before: { key: section.key, title: section.title, engagementId, body: section.body },
    });
  });
}

/** The most evidence items offered for attaching: the organisation's newest. */
const ATTACHABLE_LIMIT = 200;

/** Evidence a writer may attach to a section (none for readers). */
export async function attachableEvidence(
  ctx: OrgContext,
): Promise<{ id: string; title: string }[]> {
  if (!canWriteDescription(ctx.role)) return [];
  return getDb().evidence.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: { createdAt: "desc" },
    take: ATTACHABLE_LIMIT,
    select: { id: true, title: true },
  });
}
