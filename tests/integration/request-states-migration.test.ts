import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createAuditorRequest } from "@/lib/db/auditor-requests";
import { getDb } from "@/lib/db/client";
import { MIGRATIONS_ROOT } from "@/lib/db/migrator";
import { makeAuditedOrg } from "./auditor-fixture";

// The data migration of request states: a request the team had closed (before threads) becomes
// answered, with who answered and when taken from who closed it and when; open ones stay open.
// The committed SQL of the suite's provider is run against rows written the old way.

const provider = inject("assayTestDatabase").provider;
const sql = fs.readFileSync(
  path.join(MIGRATIONS_ROOT, provider, "20261202130500_request_states", "migration.sql"),
  "utf8",
);

describe("the request_states migration", () => {
  it("turns closed requests into answered ones and leaves open ones alone", async () => {
    const { auditor, editor, engagementA, controlA } = await makeAuditedOrg();
    const ask = (body: string) =>
      createAuditorRequest(auditor.ctx, {
        engagementId: engagementA.id,
        controlId: controlA.id,
        body,
      });
    const closed = await ask("Closed the old way.");
    const open = await ask("Still open.");
    const closedAt = new Date("2026-04-01T08:00:00.000Z");
    await getDb().auditorRequest.update({
      where: { id: closed.id },
      data: { status: "closed", closedAt, closedById: editor.user.userId },
    });

    for (const statement of sql.split(";").filter((part) => /\S/.test(part.replace(/--.*$/gm, ""))))
      await getDb().$executeRawUnsafe(statement);

    const rows = await getDb().auditorRequest.findMany({
      where: { id: { in: [closed.id, open.id] } },
      select: { id: true, status: true, answeredAt: true, answeredById: true },
    });
    expect(rows.sort((a, b) => (a.id === closed.id ? -1 : b.id === closed.id ? 1 : 0))).toEqual([
      { id: closed.id, status: "answered", answeredAt: closedAt, answeredById: editor.user.userId },
      { id: open.id, status: "open", answeredAt: null, answeredById: null },
    ]);
  });
});
