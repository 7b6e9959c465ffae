import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser, getUserById, verifyCredentials } from "@/lib/db/users";
import { SignUpInput } from "@/lib/schemas/auth";
import { TEST_PASSWORD, expectAppError, makeUser, uniqueEmail } from "./helpers";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);
const WRONG = "not the password at all";

let addressCounter = 0;
/** A client address nobody else in this file uses, so tests do not share address buckets. */
const freshAddress = (): string => `203.0.113.${(addressCounter += 1)}`;

describe("createUser", () => {
  it("stores the account and never the password itself", async () => {
    const user = await createUser(
      SignUpInput.parse({
        name: "Ann Example",
        email: "  Ann@Example.TEST ",
        password: TEST_PASSWORD,
      }),
    );

    expect(user).toMatchObject({ email: "ann@example.test", name: "Ann Example" });
    expect(await getUserById(user.userId)).toEqual(user);
    const stored = await getDb().user.findUniqueOrThrow({
      where: { id: user.userId },
      select: { passwordHash: true },
    });
    expect(stored.passwordHash).not.toContain(TEST_PASSWORD);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const email = uniqueEmail();
    await makeUser({ email });

    const error = await expectAppError(
      createUser(
        SignUpInput.parse({ name: "Again", email: email.toUpperCase(), password: TEST_PASSWORD }),
      ),
      "CONFLICT",
    );
    expect(error.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await getDb().user.count({ where: { email } })).toBe(1);
  });

  it("lets only one of two simultaneous sign-ups with one email through", async () => {
    const email = uniqueEmail();
    const input = { name: "Twin", email, password: TEST_PASSWORD };
    const results = await Promise.allSettled([createUser(input), createUser(input)]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "CONFLICT" });
    expect(await getDb().user.count({ where: { email } })).toBe(1);
  });

  it("returns null for an unknown user id", async () => {
    expect(await getUserById("no-such-user")).toBeNull();
  });
});

describe("verifyCredentials", () => {
  it("signs in with the right password", async () => {
    const user = await makeUser();

    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, freshAddress(), T0),
    ).toEqual({ ok: true, user });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await makeUser();
    const address = freshAddress();

    expect(await verifyCredentials({ email: user.email, password: WRONG }, address, T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await verifyCredentials(
        { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
        address,
        T0,
      ),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses one address after 5 failures for an email until its 15-minute slot ends", async () => {
    const user = await makeUser();
    const address = freshAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await verifyCredentials({ email: user.email, password: WRONG }, address, T0)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }

    const right = { email: user.email, password: TEST_PASSWORD };
    expect(await verifyCredentials(right, address, T0)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryInMinutes: 15,
    });
    expect(await verifyCredentials(right, address, minutes(14.5))).toEqual({
      ok: false,
      reason: "rate_limited",
      retryInMinutes: 1,
    });
    expect(await verifyCredentials(right, address, minutes(15))).toEqual({ ok: true, user });
  });

  // Finding 4 of #11: 5 wrong passwords from anywhere used to lock the owner out.
  it("still signs the owner in from an address that has not been failing, however many strangers failed", async () => {
    const user = await makeUser();
    for (let attempt = 1; attempt <= 25; attempt += 1) {
      await verifyCredentials({ email: user.email, password: WRONG }, freshAddress(), T0);
    }

    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, freshAddress(), T0),
    ).toEqual({ ok: true, user });
  });

  it("bounds guesses per account across addresses: 20 a slot, then one for each address that has not failed", async () => {
    const user = await makeUser();
    const attackers = Array.from({ length: 10 }, freshAddress);
    let guesses = 0;
    // Each of 10 addresses tries 5 wrong passwords, one address after another.
    for (const address of attackers) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const result = await verifyCredentials(
          { email: user.email, password: WRONG },
          address,
          minutes(1),
        );
        if (!result.ok && result.reason === "invalid") guesses += 1;
      }
    }
    // Four addresses use up the account's 20; the other six get one guess each.
    expect(guesses).toBe(26);
    expect(guesses).toBeLessThanOrEqual(20 + attackers.length);

    // Past the limit a fresh address gets one guess; one that failed gets no more this slot.
    const fresh = freshAddress();
    expect(
      await verifyCredentials({ email: user.email, password: WRONG }, fresh, minutes(2)),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, fresh, minutes(2)),
    ).toEqual({ ok: false, reason: "rate_limited", retryInMinutes: 13 });
    expect(
      await verifyCredentials(
        { email: user.email, password: TEST_PASSWORD },
        attackers[0] ?? "",
        minutes(2),
      ),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
    // The next slot starts afresh.
    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, fresh, minutes(15)),
    ).toEqual({ ok: true, user });
  });

  it("lets at most one of a simultaneous burst from one address through once the account is under attack", async () => {
    const user = await makeUser();
    for (let attempt = 1; attempt <= 20; attempt += 1)
      await verifyCredentials({ email: user.email, password: WRONG }, freshAddress(), T0);
    const address = freshAddress();

    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        verifyCredentials({ email: user.email, password: WRONG }, address, T0),
      ),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(1);
  });

  it("counts every one of many simultaneous failures from one address", async () => {
    const user = await makeUser();
    const address = freshAddress();
    const burst = Array.from({ length: 8 }, () =>
      verifyCredentials({ email: user.email, password: WRONG }, address, T0),
    );
    const results = await Promise.all(burst);

    // Lost updates would let more than 5 reach the password check and the right one through.
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(
      3,
    );
    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, address, T0),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("locks a client address out after 20 failures across different emails", async () => {
    const address = freshAddress();
    const user = await makeUser();
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const result = await verifyCredentials(
        { email: uniqueEmail("guess"), password: WRONG },
        address,
        minutes(attempt / 10),
      );
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }

    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, address, minutes(3)),
    ).toEqual({
      ok: false,
      reason: "rate_limited",
      retryInMinutes: 13,
    });
    expect(
      await verifyCredentials(
        { email: user.email, password: TEST_PASSWORD },
        freshAddress(),
        minutes(3),
      ),
    ).toMatchObject({ ok: true });
    // The window opened with the first failure, at T0 + 6 seconds.
    expect(
      await verifyCredentials(
        { email: user.email, password: TEST_PASSWORD },
        address,
        minutes(15.1),
      ),
    ).toMatchObject({ ok: true });
  });

  it("forgets an address's own failures after it signs in, but not other addresses' failures", async () => {
    const user = await makeUser();
    const own = freshAddress();
    const wrong = { email: user.email, password: WRONG };
    for (let attempt = 1; attempt <= 4; attempt += 1) await verifyCredentials(wrong, own, T0);
    for (let attempt = 1; attempt <= 15; attempt += 1)
      await verifyCredentials(wrong, freshAddress(), T0);
    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, own, T0),
    ).toMatchObject({ ok: true });

    // 19 failures stay counted: one more and the account is at its limit for the slot.
    await verifyCredentials(wrong, freshAddress(), T0);
    const stranger = freshAddress();
    expect(await verifyCredentials(wrong, stranger, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(wrong, stranger, T0)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // The owner's address is no longer one that failed.
    expect(
      await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, own, T0),
    ).toMatchObject({ ok: true });
  });
});
