import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listControlExceptions, recordException, remediateException } from "@/lib/db/exceptions";
import {
  actions,
  addMember,
  entries,
  exceptionInput,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeException,
  makeOrg,
} from "./helpers";
import { versionOf } from "./version-of";

const NOW = new Date("2026-04-10T09:30:00.000Z");

describe("recordException and remediateException", () => {
  it("records an open exception, lists it and logs it", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);

    const { id } = await recordException(
      ctx,
      exceptionInput(control.id, {
        date: "2026-03-10",
        description: "The March review was skipped.",
        severity: "high",
      }),
    );

    expect(await listControlExceptions(ctx, control.id)).toEqual([
      {
        id,
        date: "2026-03-10",
        description: "The March review was skipped.",
        severity: "high",
        status: "open",
        remediationNote: null,
        remediatedAt: null,
        version: 0,
      },
    ]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "exception.recorded",
      entityType: "exception",
      entityId: id,
      actorId: ctx.userId,
      after: {
        controlId: control.id,
        date: "2026-03-10",
        severity: "high",
        description: "The March review was skipped.",
      },
    });
    await expectIntactLog(ctx);
  });

  it("remediates an open exception at the given time, logs it then, and refuses a second remediation", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const { id } = await makeException(ctx, control.id);

    await remediateException(
      ctx,
      id,
      "Review performed late, on 2 April.",
      await versionOf("exception", id),
      NOW,
    );

    expect(await listControlExceptions(ctx, control.id)).toEqual([
      expect.objectContaining({
        id,
        status: "remediated",
        remediationNote: "Review performed late, on 2 April.",
        remediatedAt: NOW,
      }),
    ]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "exception.remediated",
      entityType: "exception",
      entityId: id,
      before: { status: "open" },
      after: { status: "remediated", remediationNote: "Review performed late, on 2 April." },
    });
    const logged = await getDb().activityLogEntry.findFirstOrThrow({
      where: { organizationId: ctx.orgId, action: "exception.remediated" },
      select: { createdAt: true },
    });
    expect(logged.createdAt).toEqual(NOW);

    const before = await actions(ctx.orgId);
    await expectAppError(
      remediateException(
        ctx,
        id,
        "A second attempt.",
        await versionOf("exception", id),
        new Date("2026-05-01T00:00:00Z"),
      ),
      "CONFLICT",
      /already remediated/,
    );
    expect(await listControlExceptions(ctx, control.id)).toEqual([
      expect.objectContaining({
        remediationNote: "Review performed late, on 2 April.",
        remediatedAt: NOW,
      }),
    ]);
    expect(await actions(ctx.orgId)).toEqual(before);
    await expectIntactLog(ctx);
  });

  it("lists a control's own exceptions, open ones first, newest first within each status", async () => {
    const ctx = await makeOrg();
    const [control, other] = [await makeControl(ctx), await makeControl(ctx)];
    const ids: Record<string, string> = {};
    for (const date of ["2026-01-15", "2026-03-01", "2026-02-10", "2026-04-20"])
      ids[date] = (await makeException(ctx, control.id, { date })).id;
    await makeException(ctx, other.id, { date: "2026-05-05" });
    await remediateException(
      ctx,
      ids["2026-03-01"] ?? "",
      "Fixed.",
      await versionOf("exception", ids["2026-03-01"] ?? ""),
      NOW,
    );
    await remediateException(
      ctx,
      ids["2026-01-15"] ?? "",
      "Fixed.",
      await versionOf("exception", ids["2026-01-15"] ?? ""),
      NOW,
    );

    const listed = await listControlExceptions(ctx, control.id);

    expect(listed.map((row) => [row.date, row.status])).toEqual([
      ["2026-04-20", "open"],
      ["2026-02-10", "open"],
      ["2026-03-01", "remediated"],
      ["2026-01-15", "remediated"],
    ]);
    expect((await listControlExceptions(ctx, other.id)).map((row) => row.date)).toEqual([
      "2026-05-05",
    ]);
  });

  it("finds no exception that does not exist", async () => {
    const ctx = await makeOrg();

    await expectAppError(
      remediateException(ctx, "no-such-exception", "Fixed.", 0, NOW),
      "NOT_FOUND",
    );
    await expectAppError(listControlExceptions(ctx, "no-such-control"), "NOT_FOUND");
    await expectAppError(recordException(ctx, exceptionInput("no-such-control")), "NOT_FOUND");
  });
});

describe("another organisation's exceptions", () => {
  it("are never listed, recorded against or remediated", async () => {
    const [ours, theirs] = [await makeOrg(), await makeOrg()];
    const ourControl = await makeControl(ours);
    const theirControl = await makeControl(theirs);
    const theirException = await makeException(theirs, theirControl.id);
    await makeException(ours, ourControl.id);
    const [ourLog, theirLog] = [await actions(ours.orgId), await actions(theirs.orgId)];

    await expectAppError(listControlExceptions(ours, theirControl.id), "NOT_FOUND");
    await expectAppError(recordException(ours, exceptionInput(theirControl.id)), "NOT_FOUND");
    await expectAppError(
      remediateException(
        ours,
        theirException.id,
        "Not ours to fix.",
        await versionOf("exception", theirException.id),
        NOW,
      ),
      "NOT_FOUND",
    );

    expect(await listControlExceptions(ours, ourControl.id)).toHaveLength(1);
    expect(await listControlExceptions(theirs, theirControl.id)).toEqual([
      expect.objectContaining({ id: theirException.id, status: "open", remediationNote: null }),
    ]);
    expect([await actions(ours.orgId), await actions(theirs.orgId)]).toEqual([ourLog, theirLog]);
  });
});

describe("roles", () => {
  it("lets a viewer list exceptions but not record or remediate them", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const control = await makeControl(owner);
    const { id } = await makeException(owner, control.id);
    const logged = await actions(owner.orgId);

    expect(await listControlExceptions(viewer, control.id)).toHaveLength(1);
    await expectAppError(recordException(viewer, exceptionInput(control.id)), "FORBIDDEN");
    await expectAppError(
      remediateException(viewer, id, "Fixed by a viewer.", await versionOf("exception", id), NOW),
      "FORBIDDEN",
    );

    expect(await listControlExceptions(owner, control.id)).toEqual([
      expect.objectContaining({ id, status: "open" }),
    ]);
    expect(await actions(owner.orgId)).toEqual(logged);
  });

  it("lets an editor record and remediate exceptions", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");
    const control = await makeControl(owner);

    const { id } = await recordException(editor, exceptionInput(control.id));
    await remediateException(
      editor,
      id,
      "Fixed by the editor.",
      await versionOf("exception", id),
      NOW,
    );

    expect(await listControlExceptions(editor, control.id)).toEqual([
      expect.objectContaining({
        id,
        status: "remediated",
        remediationNote: "Fixed by the editor.",
      }),
    ]);
    expect(
      (await entries(owner.orgId)).slice(-2).map((entry) => [entry.action, entry.actorId]),
    ).toEqual([
      ["exception.recorded", editor.userId],
      ["exception.remediated", editor.userId],
    ]);
    await expectIntactLog(owner);
  });
});
