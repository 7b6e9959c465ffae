import { afterEach, describe, expect, it } from "vitest";
import { auditActivityLog } from "@/lib/db/activity-audit";
import {
  provideCheckpointCopyStore,
  type CheckpointCopyStore,
  type CheckpointCopyWrite,
} from "@/lib/db/checkpoint-copies";
import { getDb } from "@/lib/db/client";
import { keepCheckpointCopiesInBlobStore } from "@/lib/storage/checkpoint-copies";
import { activitySeqOf, appendEntries, DAY_MS } from "./activity-fixture";
import { expectConsoleError, makeOrg } from "./helpers";

// lib/db does not import the blob store: the checkpoints copy to, and the audit reads from, the
// store the process's entry registered (tests/integration/setup.ts registers the blob store, as
// instrumentation.ts and the scripts do).

/** A store in memory that keeps each name's first copy, as the blob store does. */
function memoryStore(): CheckpointCopyStore & { copies: Map<string, Buffer> } {
  const copies = new Map<string, Buffer>();
  return {
    copies,
    async putCheckpoint(orgId, name, bytes): Promise<CheckpointCopyWrite> {
      const key = `${orgId}/checkpoints/${name}`;
      if (copies.has(key)) return { key, written: false };
      copies.set(key, bytes);
      return { key, written: true };
    },
    async *listCheckpoints(orgId) {
      for (const key of copies.keys()) if (key.startsWith(`${orgId}/`)) yield { key };
    },
    async getCheckpoint(key) {
      const bytes = copies.get(key);
      if (!bytes) throw new Error(`no copy ${key}`);
      return bytes;
    },
  };
}

const unregister = () => {
  delete (globalThis as { assayCheckpointCopies?: unknown }).assayCheckpointCopies;
};

afterEach(() => keepCheckpointCopiesInBlobStore());

describe("the checkpoint copy store", () => {
  it("is the one the process registered: the day's first change copies to it and the audit reads it", async () => {
    const store = memoryStore();
    provideCheckpointCopyStore(() => store);
    const ctx = await makeOrg();
    const headBefore = await activitySeqOf(ctx.orgId);
    await appendEntries(ctx, 2, new Date(Date.now() + DAY_MS));

    const name = `${ctx.orgId}/checkpoints/${String(headBefore).padStart(10, "0")}-daily.json`;
    expect([...store.copies.keys()]).toEqual([name]);
    const audit = await auditActivityLog(ctx);
    expect(audit.copies).toEqual({ read: 1, total: 1 });
    expect(audit.ok).toBe(true);
  });

  it("missing (an entry that forgot to register it): the change still saves and the copy's failure is logged; the audit refuses", async () => {
    expectConsoleError(/the blob store copy could not be written/);
    unregister();
    const ctx = await makeOrg();
    const headBefore = await activitySeqOf(ctx.orgId);
    await appendEntries(ctx, 1, new Date(Date.now() + DAY_MS));

    expect(await activitySeqOf(ctx.orgId)).toBe(headBefore + 1);
    expect(
      await getDb().activityCheckpoint.count({
        where: { organizationId: ctx.orgId, reason: "daily" },
      }),
    ).toBe(1);
    await expect(auditActivityLog(ctx)).rejects.toThrow(
      /No store for activity checkpoint copies: this process's entry must call keepCheckpointCopiesInBlobStore\(\)/,
    );
  });
});
