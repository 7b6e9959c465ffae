import "server-only";
import { CURRENT_CRITERIA_EDITION, criterionId } from "@/lib/domain/catalog";
import { STARTER_CONTROLS } from "@/lib/domain/starter-controls";
import { AppError } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { ensureCatalog } from "./catalog";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { createControlInTx } from "./controls";
import { adoptStarterObjectivesInTx } from "./objectives";

export type AdoptResult = { added: string[]; skipped: string[] };

/**
 * Adopts starter controls as drafts with their suggested mappings, in one transaction. Starter
 * objectives they map to are added when missing; refs the organisation already uses are skipped.
 */
export async function adoptStarterControls(
  ctx: OrgContext,
  refs: readonly string[],
): Promise<AdoptResult> {
  assertCan(ctx, "control.edit");
  const chosen = STARTER_CONTROLS.filter((control) => refs.includes(control.ref));
  const unknown = refs.filter((ref) => !STARTER_CONTROLS.some((control) => control.ref === ref));
  if (unknown.length)
    throw new AppError("VALIDATION", `Unknown starter control: ${unknown.join(", ")}.`);
  await ensureCatalog();
  return getDb().$transaction(
    async (tx) => {
      const taken = new Set(
        (
          await tx.control.findMany({
            where: { organizationId: ctx.orgId, ref: { in: chosen.map((c) => c.ref) } },
            select: { ref: true },
          })
        ).map((c) => c.ref),
      );
      const toAdd = chosen.filter((control) => !taken.has(control.ref));
      const objectiveIds = await adoptStarterObjectivesInTx(tx, ctx, [
        ...new Set(toAdd.flatMap((control) => control.objectives)),
      ]);
      for (const starter of toAdd) {
        const { id } = await createControlInTx(tx, ctx, {
          ref: starter.ref,
          title: starter.title,
          description: starter.description,
          ownerId: null,
          status: "draft",
          frequency: starter.frequency,
          nature: starter.nature,
          key: starter.key,
        });
        const mappedCriteria = starter.criteria.map((code) =>
          criterionId(CURRENT_CRITERIA_EDITION, code),
        );
        const mappedObjectives = starter.objectives.flatMap((ref) => objectiveIds.get(ref) ?? []);
        await tx.controlMapping.createMany({
          data: [
            ...mappedCriteria.map((criterionId) => ({
              organizationId: ctx.orgId,
              controlId: id,
              criterionId,
            })),
            ...mappedObjectives.map((objectiveId) => ({
              organizationId: ctx.orgId,
              controlId: id,
              objectiveId,
            })),
          ],
        });
        await recordActivity(tx, ctx, {
          action: "control.mappings_changed",
          entityType: "control",
          entityId: id,
          after: { criterionIds: mappedCriteria, objectiveIds: mappedObjectives },
        });
      }
      return {
        added: toAdd.map((c) => c.ref),
        skipped: chosen.filter((c) => taken.has(c.ref)).map((c) => c.ref),
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
