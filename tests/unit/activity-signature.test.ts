import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalCheckpoint,
  checkpointFileName,
  type CheckpointFields,
} from "@/lib/domain/activity-checkpoint";
import {
  makeCheckpoint,
  signatureStatus,
  signingKeyFromPem,
  verifyingKeyFromPem,
} from "@/lib/domain/activity-signature";

// A test key, and what openssl says of it, so the format is pinned by a tool other than ours:
//   openssl pkey -in k.pem -pubout -outform DER | sha256sum | cut -c1-16
//   printf '%s' "$CANONICAL" | openssl pkeyutl -sign -inkey k.pem -rawin | base64 -w0
const PRIVATE_PEM =
  "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIO3AH3Pk92M2aSYm71Lwn8LQiZpv3Cr4OaEruZ/sb9+a\n-----END PRIVATE KEY-----\n";
const PUBLIC_PEM =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAlVI85nMNQgShklGC0bCbyl34pUGlXGyE80VwJf4tKMk=\n-----END PUBLIC KEY-----\n";
const KEY_ID = "259f2fdfb7ba3c24";
const CANONICAL =
  '{"createdAt":"2026-03-02T09:00:00.000Z","exportRunId":"run_1","format":"assay-activity-checkpoint","hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","organizationId":"org_1","reason":"export","seq":42,"version":1}';
const SIGNATURE =
  "lshqdeUY74MXukIiSsaU5ZNWwWQ8jDRY32KlLgC92e/so3Y6p6+wfMUpXruLSUjuKnCCWkoQmr/9kYbWlAohBA==";

const FIELDS: CheckpointFields = {
  organizationId: "org_1",
  seq: 42,
  hash: "a".repeat(64),
  reason: "export",
  exportRunId: "run_1",
  createdAt: "2026-03-02T09:00:00.000Z",
};
const key = signingKeyFromPem(PRIVATE_PEM);

describe("checkpoint payload and signature", () => {
  it("signs the canonical JSON of the payload (sorted keys, no spaces), as openssl does", () => {
    const checkpoint = makeCheckpoint(FIELDS, key);
    expect(canonicalCheckpoint(checkpoint)).toBe(CANONICAL);
    expect(checkpoint).toEqual({
      format: "assay-activity-checkpoint",
      version: 1,
      ...FIELDS,
      signature: SIGNATURE,
      keyId: KEY_ID,
    });
  });

  it("names the key by the first 16 hex digits of its public key's SHA-256, and shows the public half", () => {
    expect(key.keyId).toBe(KEY_ID);
    expect(key.publicKeyPem).toBe(PUBLIC_PEM);
    expect(verifyingKeyFromPem(PUBLIC_PEM).keyId).toBe(KEY_ID);
    expect(verifyingKeyFromPem(PRIVATE_PEM).keyId).toBe(KEY_ID);
  });

  it("leaves a checkpoint unsigned without a key", () => {
    expect(makeCheckpoint(FIELDS, null)).toMatchObject({ signature: null, keyId: null, seq: 42 });
  });

  it("refuses keys that are not Ed25519", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(() => signingKeyFromPem(rsa)).toThrow("the key is rsa, not Ed25519");
    expect(() => signingKeyFromPem("not a key")).toThrow();
  });
});

describe("signatureStatus", () => {
  const signed = makeCheckpoint(FIELDS, key);
  const verifying = verifyingKeyFromPem(PUBLIC_PEM);
  const other = verifyingKeyFromPem(
    generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString(),
  );

  it("is valid with the signing key's public half", () => {
    expect(signatureStatus(signed, verifying)).toBe("valid");
  });

  it.each([
    ["seq", { seq: 41 }],
    ["hash", { hash: "b".repeat(64) }],
    ["reason", { reason: "daily" as const }],
    ["exportRunId", { exportRunId: "run_2" }],
    ["createdAt", { createdAt: "2026-03-02T09:00:00.001Z" }],
    ["organizationId", { organizationId: "org_2" }],
  ])("is invalid once %s is changed", (_field, change) => {
    expect(signatureStatus({ ...signed, ...change }, verifying)).toBe("invalid");
  });

  it("is invalid for a signature that is not 64 bytes, other_key for another key's id, unsigned or unchecked otherwise", () => {
    expect(signatureStatus({ ...signed, signature: "AAAA" }, verifying)).toBe("invalid");
    expect(signatureStatus(signed, other)).toBe("other_key");
    expect(signatureStatus({ ...signed, signature: null }, verifying)).toBe("unsigned");
    expect(signatureStatus(signed, null)).toBe("unchecked");
  });
});

describe("checkpointFileName", () => {
  it("sorts by sequence and is unique per export", () => {
    expect(checkpointFileName({ seq: 42, reason: "daily", exportRunId: null })).toBe(
      "0000000042-daily.json",
    );
    expect(checkpointFileName({ seq: 42, reason: "export", exportRunId: "cabc" })).toBe(
      "0000000042-export-cabc.json",
    );
    expect(
      checkpointFileName({ seq: 9, reason: "daily", exportRunId: null }) <
        checkpointFileName({ seq: 10, reason: "daily", exportRunId: null }),
    ).toBe(true);
  });
});
