import "server-only";
import { cache } from "react";
import type { OrgContext } from "@/lib/db/context";
import { loadMyWork, type MyWork } from "@/lib/db/my-work";
import { myWorkCount, type MyWorkCount } from "@/lib/db/my-work-count";
import { can } from "@/lib/domain/permissions";
import { todayFor } from "./clock";

/**
 * The asking member's work, loaded once per request: the My work page's, and the navigation's
 * count when the maintained rows cannot give it. Null for auditors, who own no controls.
 */
export const myWorkFor = cache(async (ctx: OrgContext): Promise<MyWork | null> => {
  if (!can(ctx.role, "library.view")) return null;
  return loadMyWork(ctx, await todayFor(ctx));
});

/**
 * What the layout's navigation and the landing redirect need of the member's work, once per
 * request: loadMyWork's total and owned controls, read from the maintained rows (myWorkCount),
 * or from myWorkFor where those cannot tell. Null for auditors.
 */
export const myWorkCountFor = cache(async (ctx: OrgContext): Promise<MyWorkCount | null> => {
  if (!can(ctx.role, "library.view")) return null;
  const count = await myWorkCount(ctx, await todayFor(ctx));
  if (count) return count;
  const work = await myWorkFor(ctx);
  return work && { ownedControls: work.ownedControls, total: work.counts.total };
});
