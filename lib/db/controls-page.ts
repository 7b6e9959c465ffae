import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import { MAX_BULK_CONTROLS, type ControlListQuery } from "@/lib/schemas/control";
import type { OrgContext } from "./context";
import {
  listControls,
  listMatchingControlVersions,
  listMemberOptions,
  type ControlRow,
} from "./controls";

// Everything the control library shows, in one call: one page of the controls the filters
// match, the members to filter by (and to give controls to), and for those who may edit, every
// matching control's id and version so one bulk edit can change them all.

export type ControlsPage = {
  orgSlug: string;
  /** The filters, sort and page asked for (parsed by the page). */
  query: ControlListQuery;
  rows: ControlRow[];
  total: number;
  pageCount: number;
  /** The page shown (the last one when a later one was asked for). */
  page: number;
  members: { id: string; name: string }[];
  /** Whether any filter narrows the list (the empty state offers to clear them). */
  filtered: boolean;
  /**
   * Null without control.edit. Every control the filters match: how many, and their ids and
   * versions when one edit may change them all (null when there are more than that).
   */
  bulk: { total: number; controls: { id: string; version: number }[] | null } | null;
  permissions: { edit: boolean };
};

/** Someone without library.view (an outside auditor) gets NOT_FOUND, as for the rest of the library. */
export async function loadControlsPage(
  ctx: OrgContext,
  query: ControlListQuery,
): Promise<ControlsPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const [{ rows, total, pageCount, page }, members] = await Promise.all([
    listControls(ctx, query),
    listMemberOptions(ctx),
  ]);
  const edit = can(ctx.role, "control.edit");
  const matching = !edit
    ? null
    : total > rows.length
      ? await listMatchingControlVersions(ctx, query, MAX_BULK_CONTROLS + 1)
      : rows;
  return {
    orgSlug: ctx.orgSlug,
    query,
    rows,
    total,
    pageCount,
    page,
    members,
    filtered: Boolean(query.q || query.owner || query.status || query.frequency || query.unmapped),
    bulk: matching && {
      total,
      controls:
        matching.length > MAX_BULK_CONTROLS
          ? null
          : matching.map(({ id, version }) => ({ id, version })),
    },
    permissions: { edit },
  };
}
