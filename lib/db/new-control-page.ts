import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { listMemberOptions } from "./controls";
import { getReadinessSettings } from "./organization-settings";

// Everything the new control page shows, in one call: the members a control may be given to
// and the grace days a new control starts with.

export type NewControlPage = {
  orgSlug: string;
  /** Null without control.edit: the page says who may add controls, and nothing is read. */
  form: { members: { id: string; name: string }[]; defaultGraceDays: number } | null;
};

/** Someone without library.view (an outside auditor) gets NOT_FOUND, as for the rest of the library. */
export async function loadNewControlPage(ctx: OrgContext): Promise<NewControlPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  if (!can(ctx.role, "control.edit")) return { orgSlug: ctx.orgSlug, form: null };
  const [members, settings] = await Promise.all([
    listMemberOptions(ctx),
    getReadinessSettings(ctx),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    form: { members, defaultGraceDays: settings.defaultGraceDays },
  };
}
