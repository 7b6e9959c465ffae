import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  beginEnrolment,
  confirmEnrolment,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from "@/lib/db/two-factor";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, expectAppError, makeUser } from "./helpers";
import { codeAt, enrolledUser, later, T0 } from "./two-factor-fixture";

// Turning two-factor on changes how the account signs in, so it needs what a copied session
// cookie does not carry: the password. Called the way the account page calls it.

let browser: AuthClient | null = null;

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (browser ? browser.serverSession() : null),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { beginTwoFactorAction, confirmTwoFactorAction } =
  await import("@/app/account/two-factor/actions");

const WRONG = "not my password";

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const pendingSecretOf = async (userId: string) =>
  (
    await getDb().user.findUniqueOrThrow({
      where: { id: userId },
      select: { totpPendingSecret: true },
    })
  ).totpPendingSecret;

beforeEach(() => {
  browser = null;
});

describe("starting enrolment", () => {
  it("with a copied session cookie alone: no key is started or shown, and two-factor cannot be turned on", async () => {
    const user = await makeUser();
    browser = new AuthClient({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" });
    expect(await browser.signIn(user.email, TEST_PASSWORD)).toEqual({ error: null });

    const noPassword = await beginTwoFactorAction(null, form());
    expect(noPassword).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { password: ["Enter your password."] },
    });
    const wrongPassword = await beginTwoFactorAction(null, form({ password: WRONG }));
    expect(wrongPassword).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { password: ["That password is not right."] },
    });
    expect(await pendingSecretOf(user.userId)).toBeNull();
    expect(await confirmTwoFactorAction(null, form({ code: "123456" }))).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });

    const started = await beginTwoFactorAction(null, form({ password: TEST_PASSWORD }));
    expect(started).toMatchObject({
      ok: true,
      data: {
        secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
        qrDataUrl: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      },
    });
    expect(await pendingSecretOf(user.userId)).not.toBeNull();
  });

  it("shows the key only to whoever gave the password: the account page never reads it back", async () => {
    const user = await makeUser();
    const { secret } = await beginEnrolment(user, TEST_PASSWORD, T0);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const status = await getTwoFactorStatus(user);
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(status).toMatchObject({ enabledAt: null });
    await confirmEnrolment(user, await codeAt(secret, T0), T0);
    expect((await getTwoFactorStatus(user)).enabledAt).toEqual(T0);
  });

  it("counts a wrong password against the same limit as wrong codes when turning off", async () => {
    const user = await makeUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const error = await expectAppError(beginEnrolment(user, WRONG, T0), "VALIDATION");
      expect(error.fieldErrors?.password).toEqual(["That password is not right."]);
    }
    await expectAppError(
      beginEnrolment(user, TEST_PASSWORD, T0),
      "RATE_LIMITED",
      /Try again in 15 minute/,
    );
    expect(await pendingSecretOf(user.userId)).toBeNull();
    const afterWindow = later(15 * 60);
    const { secret } = await beginEnrolment(user, TEST_PASSWORD, afterWindow);
    await confirmEnrolment(user, await codeAt(secret, afterWindow), afterWindow);
  });

  it("cannot start again once two-factor is on", async () => {
    const { user } = await enrolledUser();
    await expectAppError(beginEnrolment(user, TEST_PASSWORD, later(60)), "CONFLICT", /already on/);
  });
});

describe("new recovery codes", () => {
  it("need the password as well as a current code", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const code = await codeAt(secret, later(60));
    const wrongPassword = await expectAppError(
      regenerateRecoveryCodes(user, { password: WRONG, code }, later(60)),
      "VALIDATION",
    );
    expect(wrongPassword.fieldErrors?.password).toEqual(["That password is not right."]);
    const wrongCode = await expectAppError(
      regenerateRecoveryCodes(user, { password: TEST_PASSWORD, code: "123456" }, later(60)),
      "VALIDATION",
    );
    expect(wrongCode.fieldErrors?.code).toBeDefined();
    const fresh = await regenerateRecoveryCodes(user, { password: TEST_PASSWORD, code }, later(60));
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
  });
});
