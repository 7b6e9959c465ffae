import { generateKeyPairSync } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { createInvitation } from "@/lib/db/invitations";
import { GENESIS_HASH, hashEntry } from "@/lib/domain/activity-chain";
import { uniqueEmail } from "./helpers";

// What someone who can write the database (and only the database) does to the activity log, and
// the keys and entries the tamper tests start from.

export const DAY_MS = 86_400_000;

/** A fresh Ed25519 key pair in PEM, as `openssl genpkey -algorithm ed25519` writes it. */
export function makeKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** `count` new entries (invitations) dated `at`. */
export async function appendEntries(ctx: OrgContext, count: number, at: Date): Promise<void> {
  for (let n = 0; n < count; n += 1)
    await createInvitation(ctx, { email: uniqueEmail("log"), role: "viewer" }, at);
}

const db = () => getDb();

async function setSequence(orgId: string, activitySeq: number): Promise<void> {
  await db().organization.update({ where: { id: orgId }, data: { activitySeq } });
}

/** Recomputes prevHash and hash of every entry from `fromSeq` on, as a careful forger would. */
async function rehashFrom(orgId: string, fromSeq: number): Promise<void> {
  const rows = await db().activityLogEntry.findMany({
    where: { organizationId: orgId },
    orderBy: { seq: "asc" },
  });
  let previous = rows.find((row) => row.seq === fromSeq - 1)?.hash ?? GENESIS_HASH;
  for (const { id, hash: _hash, ...row } of rows.filter((candidate) => candidate.seq >= fromSeq)) {
    const hash = hashEntry({ ...row, prevHash: previous });
    await db().activityLogEntry.update({ where: { id }, data: { prevHash: previous, hash } });
    previous = hash;
  }
}

export async function activitySeqOf(orgId: string): Promise<number> {
  return (
    await db().organization.findUniqueOrThrow({
      where: { id: orgId },
      select: { activitySeq: true },
    })
  ).activitySeq;
}

/** Rewrite (a): the newest `count` entries deleted and the recorded sequence lowered to match. */
export async function truncateNewest(orgId: string, count: number): Promise<void> {
  const seq = await activitySeqOf(orgId);
  await db().activityLogEntry.deleteMany({
    where: { organizationId: orgId, seq: { gt: seq - count } },
  });
  await setSequence(orgId, seq - count);
}

/** Rewrite (b): entry `seq` deleted, every later one renumbered down by one and rehashed. */
export async function deleteAndRenumber(orgId: string, seq: number): Promise<void> {
  await db().activityLogEntry.delete({
    where: { organizationId_seq: { organizationId: orgId, seq } },
  });
  const later = await db().activityLogEntry.findMany({
    where: { organizationId: orgId, seq: { gt: seq } },
    orderBy: { seq: "asc" },
    select: { id: true, seq: true },
  });
  for (const row of later)
    await db().activityLogEntry.update({ where: { id: row.id }, data: { seq: row.seq - 1 } });
  await rehashFrom(orgId, seq);
  await setSequence(orgId, (await activitySeqOf(orgId)) - 1);
}

/** Rewrite (c): entry `seq`'s `after` replaced, it and every later entry rehashed. */
export async function editAndRehash(orgId: string, seq: number, after: string): Promise<void> {
  await db().activityLogEntry.update({
    where: { organizationId_seq: { organizationId: orgId, seq } },
    data: { after },
  });
  await rehashFrom(orgId, seq);
}
