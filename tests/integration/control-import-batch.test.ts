import { describe, expect, it } from "vitest";
import { recordActivities, recordActivity, verifyActivityLog } from "@/lib/db/activity";
import { getDb } from "@/lib/db/client";
import { applyControlImport } from "@/lib/db/control-import";
import { CONTROL_CSV_COLUMNS } from "@/lib/domain/control-csv";
import { actions, expectIntactLog, makeControl, makeObjective, makeOrg } from "./helpers";

// The import writes in batches (controls and mappings in chunks, the activity entries appended
// at once with the hash chain worked out in memory): the log must still hold one entry per
// created or updated control and per changed set of mappings, in file order, and verify.

const HEADER = CONTROL_CSV_COLUMNS.filter((column) => column !== "grace_days").join(",");
const ROWS = 1_200; // more than two chunks of 500

const pad = (n: number) => String(n).padStart(4, "0");

describe("a batched control import", () => {
  it("logs every created and updated control and mapping change, and the chain verifies", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx, { ref: "ITGC-01" });
    const existing = await makeControl(ctx, { ref: "BX-0000", title: "Existing control" });
    const seqBefore = (await actions(ctx.orgId)).length;

    const rows = [
      `BX-0000,Existing control renamed,,,implemented,quarterly,manual,no,CC6.1,`,
      ...Array.from(
        { length: ROWS },
        (_, i) =>
          `BX-${pad(i + 1)},Imported control ${i + 1},,${i % 2 ? ctx.orgSlug + "@nobody.test" : ""},designed,monthly,manual,no,${i % 3 ? "CC6.1;CC6.2" : ""},${i % 2 ? "" : "ITGC-01"}`,
      ),
    ];
    // Odd rows name an owner who is not a member: the file is refused and nothing is written.
    const refused = await applyControlImport(ctx, [HEADER, ...rows].join("\r\n"));
    expect(refused.applied).toBe(false);
    expect(await actions(ctx.orgId)).toHaveLength(seqBefore);

    const clean = rows.map((row) => row.replace(`${ctx.orgSlug}@nobody.test`, ""));
    const result = await applyControlImport(ctx, [HEADER, ...clean].join("\r\n"));
    expect(result).toMatchObject({ applied: true, report: { created: ROWS, updated: 1 } });

    const db = getDb();
    const controls = await db.control.findMany({
      where: { organizationId: ctx.orgId },
      select: { id: true, ref: true, _count: { select: { mappings: true } } },
    });
    expect(controls).toHaveLength(ROWS + 1);
    const mapped = controls.filter((control) => control._count.mappings > 0);

    const logged = await db.activityLogEntry.findMany({
      where: { organizationId: ctx.orgId, seq: { gt: seqBefore } },
      orderBy: { seq: "asc" },
      select: { action: true, entityId: true },
    });
    const count = (action: string) => logged.filter((entry) => entry.action === action).length;
    expect(count("control.created")).toBe(ROWS);
    expect(count("control.updated")).toBe(1);
    expect(count("control.mappings_changed")).toBe(mapped.length);
    expect(logged.at(-1)?.action).toBe("control.imported");
    expect(logged).toHaveLength(ROWS + 1 + mapped.length + 1);
    // In file order: the first new control's creation, then its mappings.
    const first = controls.find((control) => control.ref === "BX-0001");
    expect(logged.slice(0, 2)).toEqual([
      { action: "control.created", entityId: first?.id },
      { action: "control.mappings_changed", entityId: first?.id },
    ]);
    expect(logged.filter((entry) => entry.entityId === existing.id).map((e) => e.action)).toEqual([
      "control.updated",
      "control.mappings_changed",
    ]);
    const org = await db.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { activitySeq: true },
    });
    expect(org.activitySeq).toBe(seqBefore + logged.length);
    await expectIntactLog(ctx);
  });

  it("chains a batch after single entries and single entries after it, across a day change", async () => {
    const ctx = await makeOrg();
    const db = getDb();
    const entry = (n: number) => ({
      action: "control.imported" as const,
      entityType: "organization" as const,
      entityId: ctx.orgId,
      after: { created: n, updated: 0, unchanged: 0 },
    });
    const tomorrow = new Date(Date.now() + 86_400_000);
    await db.$transaction((tx) => recordActivity(tx, ctx, entry(1)));
    await db.$transaction((tx) =>
      recordActivities(tx, ctx, [entry(2), entry(3), entry(4)], tomorrow),
    );
    await db.$transaction((tx) => recordActivities(tx, ctx, []));
    await db.$transaction((tx) => recordActivity(tx, ctx, entry(5), tomorrow));

    const verdict = await verifyActivityLog(ctx);
    expect(verdict).toEqual({ ok: true, checked: (await actions(ctx.orgId)).length });
    // The day changed before the batch: the previous day's last entry got its checkpoint, once.
    const checkpoints = await db.activityCheckpoint.findMany({
      where: { organizationId: ctx.orgId, reason: "daily" },
      select: { seq: true },
    });
    expect(checkpoints).toHaveLength(1);
  });
});
