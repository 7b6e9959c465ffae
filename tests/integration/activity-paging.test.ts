import { describe, expect, it } from "vitest";
import { ACTIVITY_PAGE_SIZE, recordActivities } from "@/lib/db/activity";
import { loadActivityLog, type ActivityCursor } from "@/lib/db/activity-log";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import type { ActivityInput } from "@/lib/domain/activity-vocabulary";
import { makeOrg } from "./helpers";

// The activity page pages by sequence number, never by offset: without filters page N is a
// range of sequence numbers; with filters each page links to the next by cursor, and the page
// number shown is counted.

const renamed = (n: number): ActivityInput => ({
  action: "organization.renamed",
  entityType: "organization",
  entityId: `org-${n}`,
  before: { name: `Name ${n}` },
  after: { name: `Name ${n + 1}` },
});
const imported = (n: number): ActivityInput => ({
  action: "control.imported",
  entityType: "organization",
  entityId: `org-${n}`,
  after: { created: n, updated: 0, unchanged: 0 },
});

/** An organisation with `count` more entries, alternating a rename and an import. */
async function orgWith(count: number): Promise<{ ctx: OrgContext; head: number }> {
  const ctx = await makeOrg();
  await getDb().$transaction((tx) =>
    recordActivities(
      tx,
      ctx,
      Array.from({ length: count }, (_, i) => (i % 2 ? imported(i) : renamed(i))),
    ),
  );
  const { activitySeq } = await getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { activitySeq: true },
  });
  return { ctx, head: activitySeq };
}

async function view(
  ctx: OrgContext,
  page: number,
  cursor: ActivityCursor = {},
  action?: "control.imported",
) {
  const loaded = await loadActivityLog(ctx, action ? { action } : {}, page, cursor);
  if (!loaded.canView) throw new Error("cannot view");
  return loaded;
}

describe("activity paging by sequence number", () => {
  it("opens any unfiltered page as its range of sequence numbers, the last one short", async () => {
    const { ctx, head } = await orgWith(3 * ACTIVITY_PAGE_SIZE);
    const pageCount = Math.ceil(head / ACTIVITY_PAGE_SIZE);

    const second = await view(ctx, 2);
    expect(second.rows.map((row) => row.seq)).toEqual(
      Array.from({ length: ACTIVITY_PAGE_SIZE }, (_, i) => head - ACTIVITY_PAGE_SIZE - i),
    );
    expect(second).toMatchObject({ page: 2, pageCount, total: head, older: null, newer: null });

    const last = await view(ctx, pageCount);
    expect(last.rows.at(-1)?.seq).toBe(1);
    expect(last.rows).toHaveLength(head - (pageCount - 1) * ACTIVITY_PAGE_SIZE);
    expect((await view(ctx, pageCount + 1)).rows).toEqual([]);
  });

  it("walks a filtered log older and newer by cursor with honest page numbers", async () => {
    const { ctx } = await orgWith(5 * ACTIVITY_PAGE_SIZE);
    const action = "control.imported" as const;
    const matching = await getDb().activityLogEntry.count({
      where: { organizationId: ctx.orgId, action },
    });
    expect(matching).toBeGreaterThan(2 * ACTIVITY_PAGE_SIZE);

    const first = await view(ctx, 1, {}, action);
    expect(first).toMatchObject({ page: 1, total: matching, newer: null });
    expect(first.rows).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.rows.every((row) => row.action === action)).toBe(true);

    // A page number in the link is not what decides: the cursor does, and the number is counted.
    const second = await view(ctx, 7, first.older ?? {}, action);
    expect(second.page).toBe(2);
    expect(second.rows[0]?.seq).toBeLessThan(first.rows.at(-1)?.seq ?? 0);

    const third = await view(ctx, 1, second.older ?? {}, action);
    expect(third.page).toBe(3);
    expect(third.older).toBeNull();
    expect(third.rows).toHaveLength(matching - 2 * ACTIVITY_PAGE_SIZE);

    const back = await view(ctx, 1, third.newer ?? {}, action);
    expect(back.rows.map((row) => row.seq)).toEqual(second.rows.map((row) => row.seq));
    expect(back.page).toBe(2);
    const top = await view(ctx, 1, back.newer ?? {}, action);
    expect(top.rows.map((row) => row.seq)).toEqual(first.rows.map((row) => row.seq));
    expect(top).toMatchObject({ page: 1, newer: null });

    const seen = [...first.rows, ...second.rows, ...third.rows].map((row) => row.seq);
    expect(new Set(seen).size).toBe(matching);
  });
});
