import "server-only";
import { notFound } from "next/navigation";
import type { OrgContext } from "@/lib/db/context";
import { can, type Permission } from "@/lib/domain/permissions";
import { AppError } from "@/lib/errors";

/** For pages: a NOT_FOUND from the data layer renders the 404 page. */
export async function notFoundOnAppError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * For pages outside an auditor's engagements (the control library, objectives, members…):
 * whoever lacks the permission gets the 404 page, as for anything they may not know exists.
 */
export function notFoundUnlessCan(ctx: OrgContext, permission: Permission): void {
  if (!can(ctx.role, permission)) notFound();
}
