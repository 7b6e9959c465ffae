import { describe, expect, it } from "vitest";
import { verifyActivityLog } from "@/lib/db/activity";
import { loadActivityPage } from "@/lib/db/activity-log";
import { createApiToken, resolveApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import { sentenceText } from "@/lib/domain/activity-sentences";
import { entries, expectIntactLog, makeControl, makeOrg, noteEvidenceInput } from "./helpers";

// API tokens in the activity log: their creation and revocation, and every change made through
// one, recorded with the token and named after it; the hash chain covers the token.

const DAY = 24 * 60 * 60 * 1000;

async function makeToken(ctx: OrgContext, name: string) {
  return createApiToken(ctx, {
    name,
    role: "editor",
    engagementIds: null,
    expiresAt: new Date(Date.now() + 30 * DAY),
  });
}

async function sentences(ctx: OrgContext): Promise<string[]> {
  const page = await loadActivityPage(ctx, {}, 1);
  return page.rows.map((row) => sentenceText(row.parts));
}

async function ownerName(ctx: OrgContext): Promise<string> {
  return (await getDb().user.findUniqueOrThrow({ where: { id: ctx.userId } })).name;
}

describe("API tokens in the activity log", () => {
  it("records a token's creation and revocation under its name, once", async () => {
    const owner = await makeOrg();
    const { id } = await makeToken(owner, "Nightly backup report");
    await revokeApiToken(owner, id);
    await revokeApiToken(owner, id);
    const log = await entries(owner.orgId);
    expect(log.filter((entry) => entry.entityId === id)).toMatchObject([
      {
        action: "api_token.created",
        actorId: owner.userId,
        after: { name: "Nightly backup report", role: "editor", engagementIds: null },
      },
      { action: "api_token.revoked", after: { name: "Nightly backup report" } },
    ]);
    const name = await ownerName(owner);
    const [revoked, created] = await sentences(owner);
    expect(revoked).toBe(`${name} revoked API token "Nightly backup report"`);
    expect(created).toMatch(
      new RegExp(
        `^${name} created API token "Nightly backup report" \\(editor, every engagement, until \\d{4}-\\d{2}-\\d{2}\\)$`,
      ),
    );
    await expectIntactLog(owner);
  });

  it("records a change made through a token with the token, shown as '<name> (API token)'", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const { secret, id } = await makeToken(owner, "CI upload");
    const resolved = await resolveApiToken(secret, "203.0.113.7");
    if (!resolved) throw new Error("the token did not resolve");
    expect(resolved.ctx.apiTokenId).toBe(id);
    const viaToken = await addNoteEvidence(
      resolved.ctx,
      noteEvidenceInput([control.id], { title: "Pipeline run 412" }),
    );
    const byHand = await addNoteEvidence(
      owner,
      noteEvidenceInput([control.id], { title: "Reviewed by hand" }),
    );
    const rows = await getDb().activityLogEntry.findMany({
      where: { organizationId: owner.orgId, entityId: { in: [viaToken.id, byHand.id] } },
      orderBy: { seq: "asc" },
      select: { seq: true, actorId: true, apiTokenId: true },
    });
    expect(rows.map(({ actorId, apiTokenId }) => ({ actorId, apiTokenId }))).toEqual([
      { actorId: owner.userId, apiTokenId: id },
      { actorId: owner.userId, apiTokenId: null },
    ]);
    const name = await ownerName(owner);
    const shown = await sentences(owner);
    expect(shown[0]).toMatch(new RegExp(`^${name} added evidence "Reviewed by hand"`));
    expect(shown[1]).toMatch(/^CI upload \(API token\) added evidence "Pipeline run 412"/);
    const page = await loadActivityPage(owner, {}, 1);
    expect(page.rows[1]?.actor).toBe("CI upload (API token)");
    await expectIntactLog(owner);

    // The token is part of the entry's hash: taking it off the row breaks the chain there.
    const tokenEntry = rows[0]!;
    await getDb().activityLogEntry.updateMany({
      where: { organizationId: owner.orgId, seq: tokenEntry.seq },
      data: { apiTokenId: null },
    });
    expect(await verifyActivityLog(owner)).toMatchObject({
      ok: false,
      firstBreak: { seq: tokenEntry.seq, reason: "content_hash_mismatch" },
    });
  });

  it("names only this organisation's tokens", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const other = await makeOrg();
    const { id: foreignToken } = await makeToken(other, "Someone else's token");
    const { secret } = await makeToken(owner, "Ours");
    const resolved = await resolveApiToken(secret, null);
    if (!resolved) throw new Error("the token did not resolve");
    // A context pointing at another organisation's token (never made by the app) gets no name.
    await addNoteEvidence(
      { ...resolved.ctx, apiTokenId: foreignToken },
      noteEvidenceInput([control.id]),
    );
    const page = await loadActivityPage(owner, {}, 1);
    expect(page.rows[0]?.actor).toBe("An API token");
    await expectIntactLog(owner);
  });
});
