import { describe, expect, it } from "vitest";
import {
  checkAnchor,
  compareWithAnchors,
  crossCheckCopies,
  type Anchor,
  type ChainHashes,
  type HeldCheckpoint,
} from "@/lib/domain/activity-anchors";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointDocument,
} from "@/lib/domain/activity-checkpoint";

// A chain of 10 entries whose hash at n is "n" repeated; entry 4 is absent (a gap).
const hashOf = (seq: number) => String(seq % 10).repeat(64);
const chain: ChainHashes = {
  head: { seq: 10, hash: hashOf(10) },
  hashAt: (seq) => (seq === 4 || seq > 10 ? undefined : hashOf(seq)),
};
const anchor = (overrides: Partial<Anchor> = {}): Anchor => ({
  label: "Export pdf of 2026-03-02 (run r1)",
  seq: 7,
  hash: hashOf(7),
  signature: null,
  ...overrides,
});

describe("checkAnchor", () => {
  it("agrees when the chain still has the anchor's hash at its sequence", () => {
    expect(checkAnchor(chain, anchor())).toEqual({
      label: "Export pdf of 2026-03-02 (run r1)",
      seq: 7,
      problem: null,
      note: null,
      message: "Export pdf of 2026-03-02 (run r1) agrees with entry #7.",
    });
    expect(
      checkAnchor(chain, anchor({ seq: 10, hash: hashOf(10), signature: "valid" })).problem,
    ).toBeNull();
  });

  it("reports a different hash at the anchor's sequence: the chain was rewritten at or before it", () => {
    expect(checkAnchor(chain, anchor({ hash: "f".repeat(64) }))).toMatchObject({
      problem: "hash_differs",
      message: `Export pdf of 2026-03-02 (run r1) says entry #7 had hash ${"f".repeat(16)}…, but it now has ${"7".repeat(16)}…: the log was rewritten at or before entry #7.`,
    });
  });

  it("reports an anchor beyond the head: entries were removed from the end", () => {
    expect(checkAnchor(chain, anchor({ seq: 13, hash: hashOf(13) }))).toMatchObject({
      problem: "beyond_head",
      message:
        "Export pdf of 2026-03-02 (run r1) says the log reached entry #13, but it now ends at #10: entries were removed.",
    });
  });

  it("reports an anchor whose entry is gone from inside the chain", () => {
    expect(checkAnchor(chain, anchor({ seq: 4, hash: hashOf(4) })).problem).toBe("entry_missing");
  });

  it("fails a bad signature even where the hash agrees, and notes unsigned or other-key anchors", () => {
    expect(checkAnchor(chain, anchor({ signature: "invalid" })).problem).toBe("bad_signature");
    expect(checkAnchor(chain, anchor({ signature: "unsigned" }))).toMatchObject({
      problem: null,
      note: "unsigned",
    });
    expect(checkAnchor(chain, anchor({ signature: "other_key" }))).toMatchObject({
      problem: null,
      note: "signed with another key",
    });
    expect(checkAnchor(chain, anchor({ signature: "unchecked" }))).toMatchObject({
      problem: null,
      note: null,
    });
  });
});

describe("compareWithAnchors", () => {
  it("lists problems first, then the agreeing anchors newest first", () => {
    const findings = compareWithAnchors(chain, [
      anchor({ seq: 2, hash: hashOf(2), label: "old" }),
      anchor({ seq: 9, hash: hashOf(9), label: "new" }),
      anchor({ seq: 5, hash: "0".repeat(64), label: "bad" }),
    ]);
    expect(findings.map((finding) => finding.label)).toEqual(["bad", "new", "old"]);
  });
});

describe("crossCheckCopies", () => {
  const document = (overrides: Partial<CheckpointDocument> = {}): CheckpointDocument => ({
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    organizationId: "corg1",
    seq: 7,
    hash: hashOf(7),
    reason: "export",
    exportRunId: "r1",
    createdAt: "2026-03-02T10:00:00.000Z",
    signature: "sig",
    keyId: "0123456789abcdef",
    ...overrides,
  });
  const held = (
    overrides: Partial<CheckpointDocument> = {},
    name = "0000000007-export-r1.json",
  ): HeldCheckpoint => ({ name, label: "Export checkpoint r1", document: document(overrides) });

  it("is silent when rows and copies agree, or a row has no copy (it could not be written)", () => {
    expect(crossCheckCopies([held()], [held()])).toEqual([]);
    expect(crossCheckCopies([held()], [])).toEqual([]);
  });

  it.each([
    ["seq", { seq: 6 }],
    ["hash", { hash: hashOf(6) }],
    ["signature", { signature: null }],
    ["creation time", { createdAt: "2026-03-03T10:00:00.000Z" }],
    ["key id", { keyId: "fedcba9876543210" }],
  ])("reports a row whose %s differs from its copy", (_field, change) => {
    expect(crossCheckCopies([held(change)], [held()])).toEqual([
      expect.objectContaining({
        problem: "copy_differs",
        message:
          "Export checkpoint r1 in the database differs from its copy in the blob store (0000000007-export-r1.json): the row was edited, or deleted and written again.",
      }),
    ]);
  });

  it("fails a copy without a row, an export's or a daily one (copies are written once their row has committed)", () => {
    expect(crossCheckCopies([], [held()])).toEqual([
      expect.objectContaining({ problem: "row_missing" }),
    ]);
    expect(
      crossCheckCopies([], [held({ reason: "daily", exportRunId: null }, "0000000007-daily.json")]),
    ).toEqual([
      expect.objectContaining({
        problem: "row_missing",
        message:
          "Export checkpoint r1 is in the blob store but its row is gone from the database: it was deleted.",
      }),
    ]);
  });
});
