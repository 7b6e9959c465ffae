import { describe, expect, it } from "vitest";
import { disableTwoFactor } from "@/lib/db/two-factor";
import { verifySecondFactor } from "@/lib/db/two-factor-check";
import { TEST_PASSWORD, expectAppError } from "./helpers";
import { codeAt, enrolledUser, later } from "./two-factor-fixture";

// Wrong codes at sign-in come from someone who has the password. They are bounded per account
// without letting that someone keep the real user out: counted per (account, address) tightly
// and per account more loosely, where the account's limit refuses only addresses that have
// themselves failed it.

let addressCounter = 0;
const freshAddress = (): string => `198.51.100.${(addressCounter += 1) % 250}`;

const AT = later(60);

describe("wrong codes at sign-in", () => {
  it("stop the address that made them after 5, while the right code from another address gets in", async () => {
    const { user, secret } = await enrolledUser();
    const attacker = freshAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await verifySecondFactor(user.userId, `00000${attempt}`, attacker, AT)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const right = await codeAt(secret, AT);
    expect(await verifySecondFactor(user.userId, right, attacker, AT)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await verifySecondFactor(user.userId, right, freshAddress(), AT)).toEqual({
      ok: true,
      method: "totp",
    });
  });

  it("from many addresses stay bounded (10, then once per address that has not failed), and a fresh address's right code still gets in", async () => {
    const { user, secret } = await enrolledUser();
    const addresses = Array.from({ length: 12 }, freshAddress);
    let guesses = 0;
    for (const address of addresses) {
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        const result = await verifySecondFactor(user.userId, `11111${attempt}`, address, AT);
        if (result.ok) throw new Error("a wrong code was accepted");
        if (result.reason === "invalid") guesses += 1;
      }
    }
    // Two addresses use up the account's 10; each of the other ten gets one guess.
    expect(guesses).toBe(20);
    expect(guesses).toBeLessThanOrEqual(Math.min(5 * addresses.length, 10 + addresses.length));
    const [failed = ""] = addresses;
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, AT), failed, AT),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, AT), freshAddress(), AT),
    ).toEqual({ ok: true, method: "totp" });
  });

  it("are not forgotten when the real user signs in, and the limits lift when the 15-minute slot ends", async () => {
    const { user, secret } = await enrolledUser();
    const attacker = freshAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1)
      await verifySecondFactor(user.userId, `22222${attempt}`, attacker, AT);
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, AT), freshAddress(), AT),
    ).toEqual({ ok: true, method: "totp" });
    expect(await verifySecondFactor(user.userId, "333333", attacker, later(90))).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    const nextSlot = later(15 * 60);
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, nextSlot), attacker, nextSlot),
    ).toEqual({ ok: true, method: "totp" });
  });

  it("stop an address after 20 across accounts", async () => {
    const address = freshAddress();
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => enrolledUser()));
    for (const { user } of users)
      for (let attempt = 1; attempt <= 4; attempt += 1)
        await verifySecondFactor(user.userId, "123456", address, AT);
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, AT);
    expect(await verifySecondFactor(user.userId, code, address, AT)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect(await verifySecondFactor(user.userId, code, freshAddress(), AT)).toEqual({
      ok: true,
      method: "totp",
    });
  });

  it("do not stop the signed-in user's own account changes, nor those wrong codes their sign-in", async () => {
    const { user, secret } = await enrolledUser();
    for (const address of [freshAddress(), freshAddress(), freshAddress()]) {
      for (let attempt = 1; attempt <= 5; attempt += 1)
        await verifySecondFactor(user.userId, `44444${attempt}`, address, AT);
    }
    await disableTwoFactor(user, { password: TEST_PASSWORD, code: await codeAt(secret, AT) }, AT);

    const other = await enrolledUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await expectAppError(
        disableTwoFactor(other.user, { password: TEST_PASSWORD, code: `55555${attempt}` }, AT),
        "VALIDATION",
      );
    }
    await expectAppError(
      disableTwoFactor(
        other.user,
        { password: TEST_PASSWORD, code: await codeAt(other.secret, AT) },
        AT,
      ),
      "RATE_LIMITED",
    );
    expect(
      await verifySecondFactor(
        other.user.userId,
        await codeAt(other.secret, AT),
        freshAddress(),
        AT,
      ),
    ).toEqual({ ok: true, method: "totp" });
  });
});
