import "server-only";
import { cache } from "react";
import type { OrgContext } from "@/lib/db/context";
import { loadMyWork, type MyWork } from "@/lib/db/my-work";
import { can } from "@/lib/domain/permissions";
import { todayFor } from "./clock";

/**
 * The asking member's work, loaded once per request: the layout's navigation count, the landing
 * redirect and the My work page share it. Null for auditors, who own no controls.
 */
export const myWorkFor = cache(async (ctx: OrgContext): Promise<MyWork | null> => {
  if (!can(ctx.role, "library.view")) return null;
  return loadMyWork(ctx, await todayFor(ctx));
});
