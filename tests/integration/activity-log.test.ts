import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { recordActivity } from "@/lib/db/activity";
import { loadActivityLog, type ActivityLine } from "@/lib/db/activity-log";
import { getDb } from "@/lib/db/client";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { updateControl } from "@/lib/db/controls";
import { addNoteEvidence } from "@/lib/db/evidence";
import { sentenceText } from "@/lib/domain/activity-sentences";
import { ActivityFilters, type ActivityFilterValues } from "@/lib/schemas/activity";
import { makeAuditor } from "./auditor-fixture";
import {
  addMember,
  controlInput,
  makeControl,
  makeEngagement,
  makeOrg,
  makeUser,
  noteEvidenceInput,
} from "./helpers";
import { signInAs } from "./signed-in";
import { versionOf } from "./version-of";

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { GET: exportCsv } = await import("@/app/o/[orgSlug]/activity/export/route");

const ORIGIN = "http://assay.test";

function filtersOf(values: ActivityFilterValues) {
  const parsed = ActivityFilters.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

async function load(ctx: OrgContext, values: ActivityFilterValues = {}): Promise<ActivityLine[]> {
  const view = await loadActivityLog(ctx, filtersOf(values), 1);
  if (!view.canView) throw new Error("cannot view");
  return view.rows;
}

const sentences = (rows: ActivityLine[]) => rows.map((row) => sentenceText(row.parts));

/** An organisation where an admin changed AC-01's status and added evidence to AC-03. */
async function history() {
  const owner = await makeOrg();
  const admin = await addMember(owner, "admin");
  await getDb().user.update({ where: { id: admin.user.userId }, data: { name: "Dana Kowalski" } });
  const ac01 = await makeControl(owner, { ref: `AC-01` });
  const ac03 = await makeControl(owner, { ref: `AC-03`, title: "Quarterly access review" });
  await updateControl(
    admin.ctx,
    ac01.id,
    controlInput({ ref: "AC-01", title: `Control AC-01`, status: "implemented" }),
    await versionOf("control", ac01.id),
  );
  const evidence = await addNoteEvidence(
    admin.ctx,
    noteEvidenceInput([ac03.id], { title: "Q1 access review" }),
  );
  return { owner, admin, ac01, ac03, evidence };
}

function csvRequest(orgSlug: string, query = ""): NextRequest {
  return new NextRequest(`${ORIGIN}/o/${orgSlug}/activity/export${query}`);
}

async function csvAs(user: UserContext, orgSlug: string, query = ""): Promise<Response> {
  signInAs(user);
  try {
    return await exportCsv(csvRequest(orgSlug, query), {
      params: Promise.resolve({ orgSlug }),
    });
  } finally {
    signInAs(null);
  }
}

describe("the activity page's loader", () => {
  it("reads as a history with links to the records", async () => {
    const { owner, ac01, ac03 } = await history();

    const rows = await load(owner);

    expect(sentences(rows).slice(0, 2)).toEqual([
      'Dana Kowalski added evidence "Q1 access review" to AC-03',
      "Dana Kowalski changed AC-01 status from draft to implemented",
    ]);
    expect(rows[0]?.parts.find((part) => part.text === "AC-03")?.link).toEqual({
      page: "control",
      id: ac03.id,
    });
    expect(rows[1]?.parts.find((part) => part.text === "AC-01")?.link).toEqual({
      page: "control",
      id: ac01.id,
    });
    expect(rows[0]).toMatchObject({
      actor: "Dana Kowalski",
      kind: expect.stringMatching(/Evidence/),
    });
  });

  it("shows only the organisation's own entries, and nothing to editors or viewers", async () => {
    const { owner } = await history();
    const other = await makeOrg();
    await makeControl(other, { ref: "OTHER-1" });
    const editor = await addMember(owner, "editor");

    const ownIds = new Set((await load(owner)).map((row) => row.id));
    const otherRows = await load(other);

    expect(otherRows.filter((row) => ownIds.has(row.id))).toEqual([]);
    expect(sentences(otherRows).join("\n")).not.toMatch(/AC-0/);
    expect(await loadActivityLog(editor.ctx, {}, 1)).toEqual({ canView: false });
  });

  it("filters by who, by kind of action, by one action and by record", async () => {
    const { owner, admin } = await history();

    expect((await load(owner, { who: admin.user.userId })).map((row) => row.action)).toEqual([
      "evidence.added",
      "control.updated",
      "invitation.accepted",
      "member.added",
    ]);
    expect((await load(owner, { action: "evidence" })).map((row) => row.action)).toEqual([
      "evidence.added",
    ]);
    expect((await load(owner, { action: "control.created" })).length).toBe(2);
    // A control's reference finds its own entries and the evidence added to it.
    expect((await load(owner, { record: "ac-03" })).map((row) => row.action)).toEqual([
      "evidence.added",
      "control.created",
    ]);
    expect((await load(owner, { record: "Q1 access" })).map((row) => row.action)).toEqual([
      "evidence.added",
    ]);
    expect(await load(owner, { record: "nothing like this" })).toEqual([]);
  });

  it("reads a date range as days in the organisation's time zone", async () => {
    const owner = await makeOrg();
    await getDb().organization.update({
      where: { id: owner.orgId },
      data: { timeZone: "Pacific/Auckland" },
    });
    const engagement = await makeEngagement(owner);
    const at = async (iso: string) =>
      getDb().$transaction((tx) =>
        recordActivity(
          tx,
          owner,
          { action: "engagement.archived", entityType: "engagement", entityId: engagement.id },
          new Date(iso),
        ),
      );
    await at("2026-03-01T10:00:00.000Z"); // 23:00 on 1 March in Auckland (UTC+13)
    await at("2026-03-01T12:30:00.000Z"); // 01:30 on 2 March
    await at("2026-03-02T11:30:00.000Z"); // 00:30 on 3 March

    const second = await load(owner, { from: "2026-03-02", to: "2026-03-02" });
    const first = await load(owner, { to: "2026-03-01", action: "engagement.archived" });

    expect(second.map((row) => row.at.toISOString())).toEqual(["2026-03-01T12:30:00.000Z"]);
    expect(first.map((row) => row.at.toISOString())).toEqual(["2026-03-01T10:00:00.000Z"]);
  });

  it("refuses filters no form of ours sends, with a message per field", () => {
    const result = ActivityFilters.safeParse({
      who: "not an id",
      action: "control.teleported",
      from: "2026-13-01",
      to: "2026-01-01",
      record: "x".repeat(101),
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path[0]);
    expect(new Set(fields)).toEqual(new Set(["who", "action", "from", "record"]));
    const backwards = ActivityFilters.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(backwards.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["to", "The end date must be on or after the start date."],
    ]);
  });
});

describe("the CSV export", () => {
  it("streams the filtered log with one row per entry, formula-safe", async () => {
    const { owner, admin } = await history();
    await getDb().user.update({ where: { id: admin.user.userId }, data: { name: "=SUM(A1)" } });
    const ownerUser = { userId: owner.userId, email: "", name: "" };

    const response = await csvAs(ownerUser, owner.orgSlug, "?action=controls");
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="activity-/);
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("time,actor,action,record,summary,seq,hash");
    expect(lines).toHaveLength(4); // header, the update, two creations
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z,'=SUM\(A1\),control\.updated,control:\w+,'=SUM\(A1\) changed AC-01 status from draft to implemented,\d+,[0-9a-f]{64}$/,
    );
    expect(text).not.toContain("evidence.added");
  });

  it("answers not found to another organisation's member and to an auditor, forbidden to a viewer", async () => {
    const { owner } = await history();
    const stranger = await makeUser();
    await makeOrg(stranger);
    const viewer = await addMember(owner, "viewer");
    const engagement = await makeEngagement(owner);
    const auditor = await makeAuditor(owner, [engagement.id]);

    expect((await csvAs(stranger, owner.orgSlug)).status).toBe(404);
    expect((await csvAs(auditor.user, owner.orgSlug)).status).toBe(404);
    expect((await csvAs(viewer.user, owner.orgSlug)).status).toBe(403);
  });

  it("answers a bad filter with its message, not a 500", async () => {
    const { owner } = await history();
    const response = await csvAs(
      { userId: owner.userId, email: "", name: "" },
      owner.orgSlug,
      "?from=yesterday",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "VALIDATION", fieldErrors: { from: ["Enter a date as YYYY-MM-DD."] } },
    });
  });
});
