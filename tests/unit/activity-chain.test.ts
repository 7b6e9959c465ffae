import { describe, expect, it } from "vitest";
import {
  ChainVerifier,
  GENESIS_HASH,
  hashEntry,
  verifyChain,
  type ChainEntry,
  type ChainEntryContent,
} from "@/lib/domain/activity-chain";

const START = new Date("2026-05-15T12:00:00Z");
const ORG = "org_1";

type EntryFields = Omit<ChainEntryContent, "organizationId" | "seq" | "prevHash">;

function makeFields(seq: number): EntryFields {
  return {
    actorId: `user_${seq}`,
    action: "control.updated",
    entityType: "control",
    entityId: `control_${seq}`,
    before: JSON.stringify({ status: "draft" }),
    after: JSON.stringify({ status: `v${seq}` }),
    createdAt: new Date(START.getTime() + seq * 60_000),
  };
}

/** A correctly linked chain of `count` entries, oldest first, as recordActivity writes it. */
function makeChain(count: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const content: ChainEntryContent = {
      organizationId: ORG,
      seq,
      prevHash: entries.at(-1)?.hash ?? GENESIS_HASH,
      ...makeFields(seq),
    };
    entries.push({ ...content, hash: hashEntry(content) });
  }
  return entries;
}

function entryAt(entries: readonly ChainEntry[], seq: number): ChainEntry {
  const entry = entries.find((candidate) => candidate.seq === seq);
  if (!entry) throw new Error(`no entry ${seq}`);
  return entry;
}

/** The chain with entry `seq` replaced by `change(entry)`. */
function tamper(
  entries: readonly ChainEntry[],
  seq: number,
  change: (entry: ChainEntry) => ChainEntry,
): ChainEntry[] {
  return entries.map((entry) => (entry.seq === seq ? change(entry) : entry));
}

describe("hashEntry", () => {
  it("keeps the digest of a known entry, so logs already written stay verifiable", () => {
    // Computed independently from the canonical JSON of the fields. Changing the hashed fields
    // or their serialisation changes this digest and breaks every stored log.
    const entry: ChainEntryContent = {
      organizationId: "org_1",
      seq: 1,
      actorId: "user_1",
      action: "organization.created",
      entityType: "organization",
      entityId: "org_1",
      before: null,
      after: '{"name":"Acme","slug":"acme"}',
      createdAt: START,
      prevHash: GENESIS_HASH,
    };
    expect(hashEntry(entry)).toBe(
      "c69b4c6083689c9e6619fc0b9805da30beb093f0b8d1c4f1fe35fcab8c422686",
    );
  });

  it("hashes an entry without an API token as before, and one made through a token with its id", () => {
    const [first] = makeChain(1);
    if (!first) throw new Error("empty chain");
    expect(hashEntry({ ...first, apiTokenId: null })).toBe(first.hash);
    expect(hashEntry({ ...first, apiTokenId: undefined })).toBe(first.hash);
    const throughToken = hashEntry({ ...first, apiTokenId: "token_1" });
    expect(throughToken).not.toBe(first.hash);
    expect(hashEntry({ ...first, apiTokenId: "token_2" })).not.toBe(throughToken);
  });

  it("catches an API token added to, changed on or removed from a stored entry", () => {
    const chain = makeChain(3);
    const second = entryAt(chain, 2);
    const viaToken: ChainEntry = { ...second, apiTokenId: "token_1" };
    const relinked = tamper(chain, 2, () => ({ ...viaToken, hash: hashEntry(viaToken) }));
    const third = entryAt(chain, 3);
    const linked = tamper(relinked, 3, () => {
      const content = { ...third, prevHash: hashEntry(viaToken) };
      return { ...content, hash: hashEntry(content) };
    });
    expect(verifyChain(linked, 3)).toEqual({ ok: true, checked: 3 });
    for (const apiTokenId of ["token_2", null]) {
      expect(
        verifyChain(
          tamper(linked, 2, (entry) => ({ ...entry, apiTokenId })),
          3,
        ),
      ).toEqual({
        ok: false,
        checked: 1,
        firstBreak: { seq: 2, reason: "content_hash_mismatch" },
      });
    }
    expect(
      verifyChain(
        tamper(chain, 2, (entry) => ({ ...entry, apiTokenId: "t" })),
        3,
      ),
    ).toEqual({
      ok: false,
      checked: 1,
      firstBreak: { seq: 2, reason: "content_hash_mismatch" },
    });
  });

  it("is a sha-256 hex digest and deterministic", () => {
    const [first] = makeChain(1);
    if (!first) throw new Error("empty chain");
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry({ ...first })).toBe(first.hash);
  });

  it("does not depend on the hash field itself", () => {
    const [first] = makeChain(1);
    if (!first) throw new Error("empty chain");
    const relabelled: ChainEntry = { ...first, hash: "anything" };
    expect(hashEntry(relabelled)).toBe(first.hash);
  });

  it("tells a null value from the string 'null'", () => {
    const [first] = makeChain(1);
    if (!first) throw new Error("empty chain");
    expect(hashEntry({ ...first, before: null })).not.toBe(hashEntry({ ...first, before: "null" }));
    expect(hashEntry({ ...first, actorId: null })).not.toBe(
      hashEntry({ ...first, actorId: "null" }),
    );
  });

  it("changes when the moment changes by one millisecond", () => {
    const [first] = makeChain(1);
    if (!first) throw new Error("empty chain");
    const later = new Date(first.createdAt.getTime() + 1);
    expect(hashEntry({ ...first, createdAt: later })).not.toBe(first.hash);
  });
});

describe("verifyChain", () => {
  const chain = makeChain(5);

  it("accepts an intact chain", () => {
    expect(verifyChain(chain)).toEqual({ ok: true, checked: 5 });
    expect(verifyChain(chain, 5)).toEqual({ ok: true, checked: 5 });
  });

  it("accepts an empty chain", () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
    expect(verifyChain([], 0)).toEqual({ ok: true, checked: 0 });
  });

  it("links the first entry to the genesis hash and each later one to its predecessor", () => {
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entryAt(chain, 1).prevHash).toBe(GENESIS_HASH);
    expect(entryAt(chain, 4).prevHash).toBe(entryAt(chain, 3).hash);
  });

  const edits: [string, (entry: ChainEntry) => ChainEntry][] = [
    ["action", (entry) => ({ ...entry, action: "control.deleted" })],
    ["before", (entry) => ({ ...entry, before: JSON.stringify({ status: "approved" }) })],
    ["before (to null)", (entry) => ({ ...entry, before: null })],
    ["after", (entry) => ({ ...entry, after: JSON.stringify({ status: "forged" }) })],
    ["actorId", (entry) => ({ ...entry, actorId: "user_attacker" })],
    ["actorId (to null)", (entry) => ({ ...entry, actorId: null })],
    ["createdAt", (entry) => ({ ...entry, createdAt: new Date(entry.createdAt.getTime() + 1) })],
    ["entityType", (entry) => ({ ...entry, entityType: "membership" })],
    ["entityId", (entry) => ({ ...entry, entityId: "control_other" })],
    ["organizationId", (entry) => ({ ...entry, organizationId: "org_2" })],
    ["hash", (entry) => ({ ...entry, hash: "f".repeat(64) })],
  ];

  describe.each([1, 3, 5])("an edited entry %i", (seq) => {
    it.each(edits)(
      "with a changed %s breaks with content_hash_mismatch there",
      (_field, change) => {
        expect(verifyChain(tamper(chain, seq, change), 5)).toEqual({
          ok: false,
          checked: seq - 1,
          firstBreak: { seq, reason: "content_hash_mismatch" },
        });
      },
    );
  });

  it("detects a deleted middle entry as a sequence gap at the entry after it", () => {
    const withoutThird = chain.filter((entry) => entry.seq !== 3);
    expect(verifyChain(withoutThird, 5)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 4, reason: "sequence_gap" },
    });
  });

  it("detects a deleted first entry", () => {
    expect(verifyChain(chain.slice(1), 5)).toEqual({
      ok: false,
      checked: 0,
      firstBreak: { seq: 2, reason: "sequence_gap" },
    });
  });

  it("detects two swapped entries", () => {
    const swapped = [chain[0], chain[1], chain[3], chain[2], chain[4]].filter(
      (entry) => entry !== undefined,
    );
    expect(verifyChain(swapped, 5)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 4, reason: "sequence_gap" },
    });
  });

  it("detects swapped contents even when the sequence numbers are left in place", () => {
    const third = entryAt(chain, 3);
    const fourth = entryAt(chain, 4);
    const swapped = tamper(
      tamper(chain, 3, () => ({ ...fourth, seq: 3 })),
      4,
      () => ({ ...third, seq: 4 }),
    );
    expect(verifyChain(swapped, 5)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 3, reason: "previous_hash_mismatch" },
    });
  });

  it("detects a duplicated entry", () => {
    const duplicated = [...chain.slice(0, 3), entryAt(chain, 3), ...chain.slice(3)];
    expect(verifyChain(duplicated)).toEqual({
      ok: false,
      checked: 3,
      firstBreak: { seq: 3, reason: "sequence_gap" },
    });
  });

  it("catches a modified entry whose hash was recomputed at the next entry", () => {
    const rehashed = tamper(chain, 3, (entry) => {
      const { hash: _old, ...content } = { ...entry, action: "control.deleted" };
      return { ...content, hash: hashEntry(content) };
    });
    expect(verifyChain(rehashed, 5)).toEqual({
      ok: false,
      checked: 3,
      firstBreak: { seq: 4, reason: "previous_hash_mismatch" },
    });
  });

  it("catches a rehashed entry whose successor was relinked but not rehashed", () => {
    const third = entryAt(chain, 3);
    const { hash: _old, ...content } = { ...third, action: "control.deleted" };
    const forgedHash = hashEntry(content);
    const relinked = tamper(
      tamper(chain, 3, () => ({ ...content, hash: forgedHash })),
      4,
      (entry) => ({ ...entry, prevHash: forgedHash }),
    );
    expect(verifyChain(relinked, 5)).toEqual({
      ok: false,
      checked: 3,
      firstBreak: { seq: 4, reason: "content_hash_mismatch" },
    });
  });

  it("rejects a first entry that does not start from the genesis hash", () => {
    const rebased = tamper(chain, 1, (entry) => {
      const { hash: _old, ...content } = { ...entry, prevHash: "1".repeat(64) };
      return { ...content, hash: hashEntry(content) };
    });
    expect(verifyChain(rebased)).toEqual({
      ok: false,
      checked: 0,
      firstBreak: { seq: 1, reason: "previous_hash_mismatch" },
    });
  });

  it("cannot see a deleted newest entry without the expected count", () => {
    expect(verifyChain(chain.slice(0, 4))).toEqual({ ok: true, checked: 4 });
  });

  it("reports a deleted newest entry as a missing tail given the expected count", () => {
    expect(verifyChain(chain.slice(0, 4), 5)).toEqual({
      ok: false,
      checked: 4,
      firstBreak: { seq: 5, reason: "missing_tail" },
    });
  });

  it("reports a wholly deleted log as a missing tail from the first entry", () => {
    expect(verifyChain([], 2)).toEqual({
      ok: false,
      checked: 0,
      firstBreak: { seq: 1, reason: "missing_tail" },
    });
  });

  it("reports the earliest break when several entries were tampered with", () => {
    const twice = tamper(
      tamper(chain, 4, (entry) => ({ ...entry, action: "x" })),
      2,
      (entry) => ({ ...entry, after: null }),
    );
    expect(verifyChain(twice.slice(0, 4), 5)).toEqual({
      ok: false,
      checked: 1,
      firstBreak: { seq: 2, reason: "content_hash_mismatch" },
    });
  });
});

describe("ChainVerifier", () => {
  it("keeps the hashes asked for and the newest entry, even past a break", () => {
    const chain = makeChain(6);
    const verifier = new ChainVerifier(new Set([2, 5, 9]));
    for (const entry of tamper(chain, 3, (entry) => ({ ...entry, action: "forged" })))
      verifier.add(entry);
    expect(verifier.verdict(6)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 3, reason: "content_hash_mismatch" },
    });
    expect(verifier.hashAt(2)).toBe(entryAt(chain, 2).hash);
    expect(verifier.hashAt(5)).toBe(entryAt(chain, 5).hash);
    expect(verifier.hashAt(4)).toBeUndefined();
    expect(verifier.hashAt(9)).toBeUndefined();
    expect(verifier.hashAt(0)).toBe(GENESIS_HASH);
    expect(verifier.head()).toEqual({ seq: 6, hash: entryAt(chain, 6).hash });
  });

  it("has the genesis head when empty", () => {
    expect(new ChainVerifier().head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });
});
