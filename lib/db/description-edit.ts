import "server-only";
import { outlineSection } from "@/lib/domain/description/outline";
import {
  canApproveDescription,
  canWriteDescription,
  isSectionState,
  stateAfterEdit,
  transitionProblem,
} from "@/lib/domain/description/states";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type {
  ChangeSectionStateInput,
  SaveSectionInput,
  SectionEvidenceInput,
  SetSectionOwnerInput,
} from "@/lib/schemas/description";
import { recordActivity } from "./activity";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { SHARED_SCOPE } from "./description";
import { getEngagement } from "./engagements";
import { isUniqueViolation } from "./prisma-errors";

// Writing the system description. Editors, admins and owners write, submit and attach; only
// admins and owners approve or reopen an approved section (lib/domain/description/states.ts).
// Every save of the text keeps a DescriptionSectionVersion and an activity entry with before and
// after; every edit carries the version it was loaded at.

const stale = () =>
  new AppError(
    "CONFLICT",
    "Someone changed this section after you opened it. Reload to see their version; your text is kept here.",
    { version: ["Someone changed this section after you opened it."] },
  );

function assertWriter(ctx: OrgContext): void {
  if (!canWriteDescription(ctx.role)) throw forbidden();
}

/** The section with its engagement checked: shared sections belong to every engagement of the org. */
async function sectionFor(tx: Tx, ctx: OrgContext, sectionId: string) {
  const section = await tx.descriptionSection.findFirst({
    where: { id: sectionId, organizationId: ctx.orgId },
    select: {
      id: true,
      key: true,
      title: true,
      body: true,
      state: true,
      ownerId: true,
      engagementId: true,
      currentVersion: true,
      version: true,
    },
  });
  if (!section) throw notFound();
  return section;
}

/**
 * Saves a section's title and text. A section saved for the first time is created (shared with
 * the organisation or for this engagement, as asked); a changed text sends it back to draft.
 */
export async function saveSection(
  ctx: OrgContext,
  input: SaveSectionInput,
  now: Date = new Date(),
): Promise<{ id: string; version: number; currentVersion: number }> {
  assertWriter(ctx);
  const engagement = await getEngagement(ctx, input.engagementId);
  if (!outlineSection(engagement.family, engagement.type, input.key)) throw notFound();
  try {
    return await getDb().$transaction(async (tx) => {
      // The engagement's own section wins over the shared one.
      const rows = await tx.descriptionSection.findMany({
        where: {
          organizationId: ctx.orgId,
          key: input.key,
          scopeKey: { in: [engagement.id, SHARED_SCOPE] },
        },
        select: { id: true, scopeKey: true },
      });
      const target = rows.find((row) => row.scopeKey === engagement.id) ?? rows[0];
      const targetId = target?.id ?? null;
      if (targetId === null) {
        if (input.version !== 0) throw stale();
        const shared = input.scope === "shared";
        const created = await tx.descriptionSection.create({
          data: {
            organizationId: ctx.orgId,
            engagementId: shared ? null : engagement.id,
            scopeKey: shared ? SHARED_SCOPE : engagement.id,
            key: input.key,
            title: input.title,
            body: input.body,
            currentVersion: 1,
            version: 1,
          },
          select: { id: true },
        });
        await tx.descriptionSectionVersion.create({
          data: {
            sectionId: created.id,
            number: 1,
            title: input.title,
            body: input.body,
            savedById: ctx.userId,
            savedAt: now,
          },
        });
        await recordActivity(
          tx,
          ctx,
          {
            action: "description.section_saved",
            entityType: "description_section",
            entityId: created.id,
            changes: {
              title: { from: "", to: input.title },
              body: { from: "", to: input.body },
            },
            context: { key: input.key, engagementId: shared ? null : engagement.id, version: 1 },
          },
          now,
        );
        return { id: created.id, version: 1, currentVersion: 1 };
      }
      const section = await sectionFor(tx, ctx, targetId);
      if (section.version !== input.version) throw stale();
      const textChanged = section.body !== input.body || section.title !== input.title;
      const state = isSectionState(section.state) ? section.state : "draft";
      const nextState = stateAfterEdit(state, textChanged);
      if (!textChanged)
        return { id: section.id, version: section.version, currentVersion: section.currentVersion };
      const number = section.currentVersion + 1;
      const updated = await tx.descriptionSection.updateMany({
        where: { id: section.id, organizationId: ctx.orgId, version: input.version },
        data: {
          title: input.title,
          body: input.body,
          state: nextState,
          ...(nextState !== state ? { stateChangedById: ctx.userId, stateChangedAt: now } : {}),
          currentVersion: number,
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw stale();
      await tx.descriptionSectionVersion.create({
        data: {
          sectionId: section.id,
          number,
          title: input.title,
          body: input.body,
          savedById: ctx.userId,
          savedAt: now,
        },
      });
      await recordActivity(
        tx,
        ctx,
        {
          action: "description.section_saved",
          entityType: "description_section",
          entityId: section.id,
          before: { title: section.title, body: section.body, state },
          after: { title: input.title, body: input.body, state: nextState },
        },
        now,
      );
      return { id: section.id, version: section.version + 1, currentVersion: number };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
}

/** Moves a section along draft → in review → approved (or back), if the role may. */
export async function changeSectionState(
  ctx: OrgContext,
  input: ChangeSectionStateInput,
  now: Date = new Date(),
): Promise<void> {
  assertWriter(ctx);
  await getDb().$transaction(async (tx) => {
    const section = await sectionFor(tx, ctx, input.sectionId);
    if (section.version !== input.version) throw stale();
    const from = isSectionState(section.state) ? section.state : "draft";
    const problem = transitionProblem(ctx.role, from, input.to);
    if (problem) {
      if (!canApproveDescription(ctx.role) && input.to === "approved")
        throw new AppError("FORBIDDEN", problem);
      throw new AppError("VALIDATION", problem, { to: [problem] });
    }
    const updated = await tx.descriptionSection.updateMany({
      where: { id: section.id, organizationId: ctx.orgId, version: input.version },
      data: {
        state: input.to,
        stateChangedById: ctx.userId,
        stateChangedAt: now,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw stale();
    await recordActivity(
      tx,
      ctx,
      {
        action: "description.state_changed",
        entityType: "description_section",
        entityId: section.id,
        changes: { state: { from, to: input.to } },
        context: { key: section.key, title: section.title, engagementId: section.engagementId },
      },
      now,
    );
  });
}

/** Gives the section an owner (a member of the organisation) or none. */
export async function setSectionOwner(ctx: OrgContext, input: SetSectionOwnerInput): Promise<void> {
  assertWriter(ctx);
  await getDb().$transaction(async (tx) => {
    const section = await sectionFor(tx, ctx, input.sectionId);
    if (section.version !== input.version) throw stale();
    if (input.ownerId !== null) {
      const member = await tx.membership.findFirst({
        where: { organizationId: ctx.orgId, userId: input.ownerId, role: { not: "auditor" } },
        select: { id: true },
      });
      if (!member)
        throw new AppError("VALIDATION", "Choose a member of the team.", {
          ownerId: ["Choose a member of the team."],
        });
    }
    const updated = await tx.descriptionSection.updateMany({
      where: { id: section.id, organizationId: ctx.orgId, version: input.version },
      data: { ownerId: input.ownerId, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw stale();
    await recordActivity(tx, ctx, {
      action: "description.owner_changed",
      entityType: "description_section",
      entityId: section.id,
      changes: { ownerId: { from: section.ownerId, to: input.ownerId } },
      context: { key: section.key, title: section.title, engagementId: section.engagementId },
    });
  });
}

/** The most evidence items one section may carry. */
export const MAX_SECTION_EVIDENCE = 50;

/** Attaches an organisation's evidence item (a network diagram, an org chart) to a section. */
export async function attachSectionEvidence(
  ctx: OrgContext,
  input: SectionEvidenceInput,
): Promise<void> {
  assertWriter(ctx);
  await getDb().$transaction(async (tx) => {
    const section = await sectionFor(tx, ctx, input.sectionId);
    const evidence = await tx.evidence.findFirst({
      where: { id: input.evidenceId, organizationId: ctx.orgId },
      select: { id: true },
    });
    if (!evidence) throw notFound();
    const already = await tx.descriptionSectionEvidence.findMany({
      where: { sectionId: section.id },
      select: { evidenceId: true },
    });
    if (already.some((link) => link.evidenceId === evidence.id)) return;
    if (already.length >= MAX_SECTION_EVIDENCE)
      throw new AppError(
        "VALIDATION",
        `A section holds at most ${MAX_SECTION_EVIDENCE} evidence items.`,
        { evidenceId: [`A section holds at most ${MAX_SECTION_EVIDENCE} evidence items.`] },
      );
    await tx.descriptionSectionEvidence.create({
      data: { sectionId: section.id, evidenceId: evidence.id },
    });
    await recordActivity(tx, ctx, {
      action: "description.evidence_attached",
      entityType: "description_section",
      entityId: section.id,
      after: { key: section.key, title: section.title, evidenceId: evidence.id },
    });
  });
}

export async function detachSectionEvidence(
  ctx: OrgContext,
  input: SectionEvidenceInput,
): Promise<void> {
  assertWriter(ctx);
  await getDb().$transaction(async (tx) => {
    const section = await sectionFor(tx, ctx, input.sectionId);
    const removed = await tx.descriptionSectionEvidence.deleteMany({
      where: { sectionId: section.id, evidenceId: input.evidenceId },
    });
    if (removed.count === 0) throw notFound();
    await recordActivity(tx, ctx, {
      action: "description.evidence_detached",
      entityType: "description_section",
      entityId: section.id,
      after: { key: section.key, title: section.title, evidenceId: input.evidenceId },
    });
  });
}
