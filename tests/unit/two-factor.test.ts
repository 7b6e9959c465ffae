import { generate } from "otplib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import {
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from "@/lib/auth/totp";
import {
  parseSecondFactorCode,
  recoveryCodeFromBytes,
  RECOVERY_CODE_COUNT,
} from "@/lib/domain/two-factor";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
// 10 seconds into a 30-second step, so ±30 s moves exactly one step.
const STEP = 60_000_000;
const AT = new Date((STEP * 30 + 10) * 1000);
const seconds = (n: number): Date => new Date(AT.getTime() + n * 1000);

describe("recovery codes", () => {
  it("are 16 base32 characters in four groups, from 10 random bytes", () => {
    expect(recoveryCodeFromBytes(new Uint8Array(10))).toBe("0000-0000-0000-0000");
    expect(recoveryCodeFromBytes(new Uint8Array(10).fill(255))).toBe("zzzz-zzzz-zzzz-zzzz");
    expect(
      recoveryCodeFromBytes(
        Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]),
      ),
    ).toBe("1111-1111-1111-1111");
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow(/10 bytes/);
  });

  it("come ten at a time, all different and never with a confusable letter", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes)
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it("hash the same however they are typed, and differently for another account", () => {
    const [code = ""] = newRecoveryCodes();
    const typed = parseSecondFactorCode(` ${code.toUpperCase().replace(/-/g, " ")} `);
    expect(typed?.kind).toBe("recovery");
    expect(hashRecoveryCode("user-1", typed?.code ?? "")).toBe(hashRecoveryCode("user-1", code));
    expect(hashRecoveryCode("user-2", code)).not.toBe(hashRecoveryCode("user-1", code));
    expect(hashRecoveryCode("user-1", code)).not.toContain(code.replace(/-/g, ""));
  });
});

describe("parseSecondFactorCode", () => {
  it("reads six digits as an authenticator code, with spaces or a hyphen", () => {
    for (const input of ["123456", " 123 456 ", "123-456"])
      expect(parseSecondFactorCode(input)).toEqual({ kind: "totp", code: "123456" });
  });

  it("reads a recovery code in any case, with or without separators, O/I/L as digits", () => {
    const expected = { kind: "recovery", code: "7kq2mx9db3tz01cw" };
    for (const input of [
      "7kq2-mx9d-b3tz-01cw",
      "7KQ2MX9DB3TZ01CW",
      "7kq2 mx9d b3tz 01cw",
      "7kq2-mx9d-b3tz-OIcw",
      "7kq2-mx9d-b3tz-0lcw",
    ]) {
      expect(parseSecondFactorCode(input)).toEqual(expected);
    }
  });

  it("refuses anything else", () => {
    for (const input of [
      "",
      "12345",
      "1234567",
      "abcdef",
      "7kq2-mx9d-b3tz-01c",
      "7kq2-mx9d-b3tz-01cu",
      "123456789012345678",
    ]) {
      expect(parseSecondFactorCode(input)).toBeNull();
    }
  });
});

describe("authenticator codes", () => {
  const codeAt = (moment: Date) =>
    generate({ secret: SECRET, epoch: Math.floor(moment.getTime() / 1000) });

  it("are accepted one step either side of their own and refused two steps away", async () => {
    const code = await codeAt(AT);
    expect(await matchTotp(SECRET, code, AT, null)).toBe(STEP);
    expect(await matchTotp(SECRET, code, seconds(-30), null)).toBe(STEP);
    expect(await matchTotp(SECRET, code, seconds(30), null)).toBe(STEP);
    expect(await matchTotp(SECRET, code, seconds(-60), null)).toBeNull();
    expect(await matchTotp(SECRET, code, seconds(60), null)).toBeNull();
  });

  it("are refused once their step, or a later one, has been used", async () => {
    const code = await codeAt(AT);
    expect(await matchTotp(SECRET, code, AT, STEP - 1)).toBe(STEP);
    expect(await matchTotp(SECRET, code, AT, STEP)).toBeNull();
    expect(await matchTotp(SECRET, code, AT, STEP + 1)).toBeNull();
  });

  it("are refused for another secret", async () => {
    expect(await matchTotp(newTotpSecret(), await codeAt(AT), AT, null)).toBeNull();
  });

  it("enrol through an otpauth address naming Assay and the account", () => {
    const uri = new URL(totpUri(SECRET, "ann@example.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Assay:ann@example.test");
    expect(uri.searchParams.get("secret")).toBe(SECRET);
    expect(uri.searchParams.get("issuer")).toBe("Assay");
  });
});

describe("sealed secrets", () => {
  beforeEach(() => vi.stubEnv("AUTH_SECRET", "unit-test-secret-one"));
  afterEach(() => vi.unstubAllEnvs());

  it("open again for their owner, and never hold the secret in the clear", () => {
    const sealed = sealSecret(SECRET, "user-1");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealSecret(SECRET, "user-1")).not.toBe(sealed);
    expect(openSecret(sealed, "user-1")).toBe(SECRET);
  });

  it("do not open for another owner, after tampering, or with another AUTH_SECRET", () => {
    const sealed = sealSecret(SECRET, "user-1");
    expect(openSecret(sealed, "user-2")).toBeNull();
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(openSecret(`v1.${bytes.toString("base64url")}`, "user-1")).toBeNull();
    expect(openSecret("v2.abc", "user-1")).toBeNull();
    expect(openSecret("not sealed", "user-1")).toBeNull();
    vi.stubEnv("AUTH_SECRET", "unit-test-secret-two");
    expect(openSecret(sealed, "user-1")).toBeNull();
  });
});
