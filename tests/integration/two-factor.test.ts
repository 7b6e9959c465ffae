import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from "@/lib/db/two-factor";
import { verifySecondFactor } from "@/lib/db/two-factor-check";
import {
  enrolmentRequiredBy,
  getTwoFactorPolicy,
  setRequireTwoFactor,
} from "@/lib/db/two-factor-policy";
import {
  actions,
  addMember,
  expectAppError,
  expectIntactLog,
  makeOrg,
  makeUser,
  TEST_PASSWORD,
} from "./helpers";
import { codeAt, enrolledUser, later, T0 } from "./two-factor-fixture";

let addressCounter = 0;
const freshAddress = (): string => `198.51.100.${(addressCounter += 1)}`;

describe("enrolment", () => {
  it("keeps a pending secret until a first code confirms it, then hands out ten recovery codes once", async () => {
    const user = await makeUser();
    const { secret, uri } = await beginEnrolment(user, TEST_PASSWORD, T0);
    expect(await getTwoFactorStatus(user)).toMatchObject({ enabledAt: null, recoveryCodesLeft: 0 });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);

    await expectAppError(confirmEnrolment(user, "000000", T0), "VALIDATION");
    expect((await getTwoFactorStatus(user)).enabledAt).toBeNull();

    const { recoveryCodes } = await confirmEnrolment(user, await codeAt(secret, T0), T0);
    expect(recoveryCodes).toHaveLength(10);
    expect(await getTwoFactorStatus(user)).toMatchObject({ enabledAt: T0, recoveryCodesLeft: 10 });

    const stored = await getDb().user.findUniqueOrThrow({
      where: { id: user.userId },
      select: { totpSecret: true, totpPendingSecret: true },
    });
    expect(stored.totpPendingSecret).toBeNull();
    expect(stored.totpSecret).toMatch(/^v1\./);
    expect(stored.totpSecret).not.toContain(secret);
    const hashes = await getDb().recoveryCode.findMany({
      where: { userId: user.userId },
      select: { codeHash: true },
    });
    expect(hashes).toHaveLength(10);
    for (const { codeHash } of hashes)
      for (const code of recoveryCodes) expect(codeHash).not.toContain(code.replace(/-/g, ""));
  });

  it("starting over replaces the pending secret; a code of the old one no longer confirms", async () => {
    const user = await makeUser();
    const { secret: first } = await beginEnrolment(user, TEST_PASSWORD, T0);
    const { secret: second } = await beginEnrolment(user, TEST_PASSWORD, T0);
    expect(second).not.toBe(first);
    await expectAppError(confirmEnrolment(user, await codeAt(first, T0), T0), "VALIDATION");
    await confirmEnrolment(user, await codeAt(second, T0), T0);
  });

  it("cannot start again once on, nor be confirmed twice", async () => {
    const { user, secret } = await enrolledUser();
    await expectAppError(beginEnrolment(user, TEST_PASSWORD, later(30)), "CONFLICT", /already on/);
    await expectAppError(
      confirmEnrolment(user, await codeAt(secret, later(30)), later(30)),
      "CONFLICT",
      /already on/,
    );
  });

  it("is logged in every organisation the user belongs to", async () => {
    const user = await makeUser();
    const first = await makeOrg(user);
    const second = await makeOrg(user);
    await enrolledUser(user);
    expect(await actions(first.orgId)).toContain("user.two_factor_enabled");
    expect(await actions(second.orgId)).toContain("user.two_factor_enabled");
    await expectIntactLog(first);
  });
});

describe("verifySecondFactor", () => {
  it("accepts a code computed for now, refuses the same code again, accepts the next step's", async () => {
    const { user, secret } = await enrolledUser();
    const at = later(60);
    const code = await codeAt(secret, at);

    expect(await verifySecondFactor(user.userId, code, freshAddress(), at)).toEqual({
      ok: true,
      method: "totp",
    });
    expect(await verifySecondFactor(user.userId, code, freshAddress(), at)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await verifySecondFactor(
        user.userId,
        await codeAt(secret, later(90)),
        freshAddress(),
        later(90),
      ),
    ).toEqual({ ok: true, method: "totp" });
  });

  it("refuses the code that confirmed enrolment (its step is used)", async () => {
    const { user, secret } = await enrolledUser();
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, T0), freshAddress(), T0),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets only one of two simultaneous uses of one code through", async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, later(60));
    const results = await Promise.all(
      [1, 2].map(() => verifySecondFactor(user.userId, code, freshAddress(), later(60))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("uses a recovery code up: typed any way once, then refused", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [code = ""] = recoveryCodes;
    expect(
      await verifySecondFactor(
        user.userId,
        code.toUpperCase().replace(/-/g, " "),
        freshAddress(),
        T0,
      ),
    ).toEqual({ ok: true, method: "recovery" });
    expect(await verifySecondFactor(user.userId, code, freshAddress(), T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await getTwoFactorStatus(user)).recoveryCodesLeft).toBe(9);
  });

  it("refuses another user's recovery code", async () => {
    const { recoveryCodes } = await enrolledUser();
    const other = await enrolledUser();
    expect(
      await verifySecondFactor(other.user.userId, recoveryCodes[0] ?? "", freshAddress(), T0),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses every code for a user without two-factor", async () => {
    const user = await makeUser();
    const { secret } = await beginEnrolment(user, TEST_PASSWORD, T0);
    expect(
      await verifySecondFactor(user.userId, await codeAt(secret, T0), freshAddress(), T0),
    ).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("recovery codes and turning two-factor off", () => {
  it("new recovery codes need a current code, and the old ones stop working", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    await expectAppError(
      regenerateRecoveryCodes(user, { password: TEST_PASSWORD, code: "123456" }, later(60)),
      "VALIDATION",
    );
    const fresh = await regenerateRecoveryCodes(
      user,
      { password: TEST_PASSWORD, code: await codeAt(secret, later(60)) },
      later(60),
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(
      await verifySecondFactor(user.userId, recoveryCodes[0] ?? "", freshAddress(), later(60)),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await verifySecondFactor(
        user.userId,
        fresh.recoveryCodes[0] ?? "",
        freshAddress(),
        later(60),
      ),
    ).toEqual({ ok: true, method: "recovery" });
  });

  it("turning off needs the password and a code; afterwards nothing of it is kept", async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, later(60));
    const wrongPassword = await expectAppError(
      disableTwoFactor(user, { password: "not my password", code }, later(60)),
      "VALIDATION",
    );
    expect(wrongPassword.fieldErrors?.password).toBeDefined();
    const wrongCode = await expectAppError(
      disableTwoFactor(user, { password: TEST_PASSWORD, code: "123456" }, later(60)),
      "VALIDATION",
    );
    expect(wrongCode.fieldErrors?.code).toBeDefined();

    await disableTwoFactor(user, { password: TEST_PASSWORD, code }, later(60));
    const stored = await getDb().user.findUniqueOrThrow({
      where: { id: user.userId },
      select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
    });
    expect(stored).toEqual({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await getDb().recoveryCode.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("a right password does not reset the count of wrong codes when turning off", async () => {
    const { user, secret } = await enrolledUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await expectAppError(
        disableTwoFactor(user, { password: TEST_PASSWORD, code: `12345${attempt}` }, later(60)),
        "VALIDATION",
      );
    }
    await expectAppError(
      disableTwoFactor(
        user,
        { password: TEST_PASSWORD, code: await codeAt(secret, later(60)) },
        later(60),
      ),
      "RATE_LIMITED",
    );
    expect((await getTwoFactorStatus(user)).enabledAt).toEqual(T0);
  });

  it("cannot be turned off while an organisation of the user's requires it", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    const { secret } = await enrolledUser(owner);
    await setRequireTwoFactor(ctx, true, T0);
    const code = await codeAt(secret, later(60));
    await expectAppError(
      disableTwoFactor(owner, { password: TEST_PASSWORD, code }, later(60)),
      "FORBIDDEN",
      new RegExp(`${ctx.orgName} requires two-factor`),
    );
    expect((await getTwoFactorStatus(owner)).enabledAt).toEqual(T0);
  });
});

describe("the organisation's requirement", () => {
  it("is turned on by an enrolled owner, logged, and lists who has not enrolled", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    const editor = await addMember(ctx, "editor");
    await enrolledUser(owner);
    expect(await enrolmentRequiredBy(editor.user.userId)).toBeNull();

    await setRequireTwoFactor(ctx, true, T0);
    expect(await getTwoFactorPolicy(ctx)).toEqual({
      required: true,
      notEnrolled: [{ name: editor.user.name, email: editor.user.email, role: "editor" }],
    });
    expect(await enrolmentRequiredBy(editor.user.userId)).toBe(ctx.orgName);
    expect(await enrolmentRequiredBy(owner.userId)).toBeNull();
    expect(
      (await actions(ctx.orgId)).filter(
        (action) => action === "organization.two_factor_requirement_changed",
      ),
    ).toHaveLength(1);

    await setRequireTwoFactor(ctx, true, T0);
    expect(
      (await actions(ctx.orgId)).filter(
        (action) => action === "organization.two_factor_requirement_changed",
      ),
    ).toHaveLength(1);
    await enrolledUser(editor.user);
    expect(await enrolmentRequiredBy(editor.user.userId)).toBeNull();
    await expectIntactLog(ctx);
  });

  it("cannot be turned on by an admin who has not enrolled, nor at all by an editor", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    await expectAppError(
      setRequireTwoFactor(admin.ctx, true, T0),
      "CONFLICT",
      /your own account first/,
    );
    const editor = await addMember(ctx, "editor");
    await enrolledUser(editor.user);
    await expectAppError(setRequireTwoFactor(editor.ctx, true, T0), "FORBIDDEN");
    await expectAppError(getTwoFactorPolicy(editor.ctx), "FORBIDDEN");
    expect((await getTwoFactorPolicy(ctx)).required).toBe(false);
  });

  it("of one organisation does not concern members of another", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    await enrolledUser(owner);
    await setRequireTwoFactor(ctx, true, T0);
    const outsider = await makeOrg();
    expect(await enrolmentRequiredBy(outsider.userId)).toBeNull();
    expect(
      (await getTwoFactorPolicy(outsider)).notEnrolled.map((member) => member.email),
    ).not.toContain(owner.email);
  });
});
