import { describe, expect, it } from "vitest";
import { claimIdempotencyKey } from "@/lib/db/api-idempotency";
import { getDb } from "@/lib/db/client";
import { idempotencyKeysJob } from "@/lib/jobs/idempotency-keys-job";
import { apiToken } from "./api-token-fixture";
import { makeOrg } from "./helpers";

// The daily cleanup of Idempotency-Key rows: those older than a day go, younger ones stay so a
// retry still gets its first answer.

const HOUR = 60 * 60 * 1000;

describe("the idempotency-key cleanup job", () => {
  it("removes keys older than a day and keeps younger ones, once a day from 03:00 UTC", async () => {
    const ctx = await makeOrg();
    const token = await apiToken(ctx, { role: "editor" });
    const now = new Date("2026-11-20T04:00:00Z");
    const old = await claimIdempotencyKey(
      token.id,
      "old",
      "a",
      new Date(now.getTime() - 25 * HOUR),
    );
    const young = await claimIdempotencyKey(token.id, "young", "b", new Date(now.getTime() - HOUR));
    expect([old.kind, young.kind]).toEqual(["claimed", "claimed"]);

    const early = await idempotencyKeysJob.due({
      db: getDb(),
      now: new Date("2026-11-20T02:59:00Z"),
      organizations: [],
    });
    expect(early).toEqual([]);

    const [run, ...others] = await idempotencyKeysJob.due({ db: getDb(), now, organizations: [] });
    expect(others).toEqual([]);
    expect(run?.runKey).toBe("api-idempotency-keys:2026-11-20");
    await run?.perform();
    const left = await getDb().apiIdempotencyKey.findMany({
      where: { tokenId: token.id },
      select: { key: true },
    });
    expect(left.map((row) => row.key)).toEqual(["young"]);
  });
});
