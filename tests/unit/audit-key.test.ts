import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditSigningKey, readSigningKeySetting } from "@/lib/audit-key";

const PEM = generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const files: Record<string, string> = { "/run/secrets/audit.pem": PEM };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

describe("readSigningKeySetting", () => {
  it("is none when neither variable is set", () => {
    expect(readSigningKeySetting({}, readFile)).toEqual({ state: "none" });
    expect(readSigningKeySetting({ AUDIT_SIGNING_KEY: " " }, readFile)).toEqual({ state: "none" });
  });

  it("reads the key from AUDIT_SIGNING_KEY_FILE", () => {
    expect(
      readSigningKeySetting({ AUDIT_SIGNING_KEY_FILE: "/run/secrets/audit.pem" }, readFile),
    ).toMatchObject({
      state: "configured",
      source: "AUDIT_SIGNING_KEY_FILE (/run/secrets/audit.pem)",
      key: { keyId: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
  });

  it("reads the key from AUDIT_SIGNING_KEY, with real newlines or \\n escapes", () => {
    const fromFile = readSigningKeySetting(
      { AUDIT_SIGNING_KEY_FILE: "/run/secrets/audit.pem" },
      readFile,
    );
    const escaped = readSigningKeySetting(
      { AUDIT_SIGNING_KEY: PEM.trim().replaceAll("\n", "\\n") },
      readFile,
    );
    const plain = readSigningKeySetting({ AUDIT_SIGNING_KEY: PEM }, readFile);
    if (
      fromFile.state !== "configured" ||
      escaped.state !== "configured" ||
      plain.state !== "configured"
    )
      throw new Error("not configured");
    expect(escaped.key.keyId).toBe(fromFile.key.keyId);
    expect(plain.key.keyId).toBe(fromFile.key.keyId);
  });

  it("reports both set, a missing file, a key that is not Ed25519 or not PEM, without throwing", () => {
    expect(
      readSigningKeySetting(
        { AUDIT_SIGNING_KEY: PEM, AUDIT_SIGNING_KEY_FILE: "/run/secrets/audit.pem" },
        readFile,
      ),
    ).toEqual({
      state: "invalid",
      message: "Set AUDIT_SIGNING_KEY_FILE or AUDIT_SIGNING_KEY, not both.",
    });
    expect(readSigningKeySetting({ AUDIT_SIGNING_KEY_FILE: "/nope.pem" }, readFile)).toMatchObject({
      state: "invalid",
      message: expect.stringMatching(
        /^AUDIT_SIGNING_KEY_FILE \(\/nope.pem\) cannot be read: ENOENT/,
      ),
    });
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(readSigningKeySetting({ AUDIT_SIGNING_KEY: rsa }, readFile)).toMatchObject({
      state: "invalid",
      message: expect.stringContaining(
        "is not an Ed25519 private key in PEM (the key is rsa, not Ed25519)",
      ),
    });
    expect(readSigningKeySetting({ AUDIT_SIGNING_KEY: "secret" }, readFile)).toMatchObject({
      state: "invalid",
      message: expect.stringContaining("openssl genpkey -algorithm ed25519"),
    });
  });
});

describe("auditSigningKey", () => {
  it("is null without a key and throws on a broken setting, so checkpoints never go unsigned by mistake", () => {
    expect(auditSigningKey({})).toBeNull();
    expect(auditSigningKey({ AUDIT_SIGNING_KEY: PEM })?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(() => auditSigningKey({ AUDIT_SIGNING_KEY: "secret" })).toThrow(
      /^The audit signing key is misconfigured: AUDIT_SIGNING_KEY is not an Ed25519 private key/,
    );
  });
});
