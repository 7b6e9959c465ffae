import { beforeEach, describe, expect, it, vi } from "vitest";
import { authorizeSignIn } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { listSessions, resolveSession, startSession } from "@/lib/db/sessions";
import {
  confirmEnrolment,
  beginEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
} from "@/lib/db/two-factor";
import { PEER_HEADER, peerStamp, startPeerStamping } from "@/lib/server/client-address";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, makeUser } from "./helpers";
import { codeAt, enrolledUser, later, T0 } from "./two-factor-fixture";

// Sign-in with a second factor: the password first, then the code posted with it. Through
// authorizeSignIn at a fixed time, and once through next-auth's own handlers as the form posts.

let browser: AuthClient | null = null;

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (browser ? browser.serverSession() : null),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => undefined,
}));

const { getCurrentSession } = await import("@/lib/auth/session");

const TOKEN = "two-factor-peer-token";
startPeerStamping(TOKEN);
let addresses = 0;
/** Request headers from an address of its own, stamped as the server entry does. */
function fromNewAddress(): Record<string, string> {
  addresses += 1;
  return {
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0",
    [PEER_HEADER]: peerStamp(TOKEN, `192.0.2.${addresses}`),
  };
}

const WRONG = "not the password at all";

/** What authorizeSignIn throws (the form's signal), or "signed in" / "refused". */
async function outcome(
  credentials: Record<string, string>,
  at: Date,
  headers = fromNewAddress(),
): Promise<string> {
  return authorizeSignIn(credentials, headers, at).then(
    (user) => (user ? "signed in" : "refused"),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

beforeEach(() => {
  browser = null;
});

describe("signing in with two-factor", () => {
  it("asks for the code only after a right password, and starts no session until it is given", async () => {
    const { user } = await enrolledUser();
    expect(await outcome({ email: user.email, password: TEST_PASSWORD }, later(60))).toBe(
      "TWO_FACTOR_REQUIRED",
    );
    expect(await outcome({ email: user.email, password: TEST_PASSWORD, code: "" }, later(60))).toBe(
      "TWO_FACTOR_REQUIRED",
    );
    expect(await outcome({ email: user.email, password: WRONG }, later(60))).toBe("refused");
    expect(await getDb().authSession.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("gives a wrong password the same answer with or without a right code", async () => {
    const { user, secret } = await enrolledUser();
    expect(
      await outcome(
        { email: user.email, password: WRONG, code: await codeAt(secret, later(60)) },
        later(60),
      ),
    ).toBe("refused");
    // The code was not used up by the refused attempt.
    expect(
      await outcome(
        { email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, later(60)) },
        later(60),
      ),
    ).toBe("signed in");
  });

  it("signs in with a code computed for the moment, records the second factor on the session, and refuses the code again", async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, later(60));
    const signedIn = await authorizeSignIn(
      { email: user.email, password: TEST_PASSWORD, code },
      fromNewAddress(),
      later(60),
    );
    expect(signedIn).toMatchObject({ id: user.userId, email: user.email });
    const session = await getDb().authSession.findUniqueOrThrow({
      where: { id: signedIn?.sessionId ?? "" },
    });
    expect(session.twoFactorAt).toEqual(later(60));
    expect(await outcome({ email: user.email, password: TEST_PASSWORD, code }, later(60))).toBe(
      "TWO_FACTOR_INVALID",
    );
  });

  it("signs in once with a recovery code; the same code is refused after", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [code = ""] = recoveryCodes;
    expect(await outcome({ email: user.email, password: TEST_PASSWORD, code }, later(60))).toBe(
      "signed in",
    );
    expect(await outcome({ email: user.email, password: TEST_PASSWORD, code }, later(60))).toBe(
      "TWO_FACTOR_INVALID",
    );
    expect((await getTwoFactorStatus(user)).recoveryCodesLeft).toBe(9);
  });

  it("stops an address after 5 wrong codes, while the real user's right code from another address signs in", async () => {
    const { user, secret } = await enrolledUser();
    const attacker = fromNewAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(
        await outcome(
          { email: user.email, password: TEST_PASSWORD, code: `99999${attempt}` },
          later(60),
          attacker,
        ),
      ).toBe("TWO_FACTOR_INVALID");
    }
    const right = await codeAt(secret, later(60));
    expect(
      await outcome(
        { email: user.email, password: TEST_PASSWORD, code: right },
        later(60),
        attacker,
      ),
    ).toBe("RATE_LIMITED:14");
    expect(
      await outcome({ email: user.email, password: TEST_PASSWORD, code: right }, later(60)),
    ).toBe("signed in");
  });

  it("refuses a code that is not a code at all without counting it as a sign-in", async () => {
    const { user } = await enrolledUser();
    expect(
      await outcome(
        { email: user.email, password: TEST_PASSWORD, code: "x".repeat(500) },
        later(60),
      ),
    ).toBe("TWO_FACTOR_INVALID");
    expect(await getDb().authSession.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("leaves a user without two-factor signing in with the password alone", async () => {
    const user = await makeUser();
    const signedIn = await authorizeSignIn(
      { email: user.email, password: TEST_PASSWORD },
      fromNewAddress(),
      T0,
    );
    const session = await getDb().authSession.findUniqueOrThrow({
      where: { id: signedIn?.sessionId ?? "" },
    });
    expect(session.twoFactorAt).toBeNull();
  });

  it("through next-auth: the form is told to ask for the code, then signed in with it", async () => {
    const { user, secret } = await enrolledUser(undefined, new Date());
    browser = new AuthClient(fromNewAddress());
    expect(await browser.signIn(user.email, TEST_PASSWORD)).toEqual({
      error: "TWO_FACTOR_REQUIRED",
    });
    expect(await browser.signIn(user.email, TEST_PASSWORD, { code: "000000" })).toEqual({
      error: "TWO_FACTOR_INVALID",
    });
    // The next step's code: the current one confirmed enrolment.
    expect(
      await browser.signIn(user.email, TEST_PASSWORD, {
        code: await codeAt(secret, new Date(Date.now() + 30_000)),
      }),
    ).toEqual({ error: null });
    expect((await getCurrentSession())?.twoFactorAt).toBeInstanceOf(Date);
  });
});

describe("enrolling", () => {
  it("ends the user's other sessions and marks the enrolling one as having given the second factor", async () => {
    const user = await makeUser();
    const origin = { userAgent: null, address: null };
    const enrolling = await startSession(user.userId, origin, T0);
    const elsewhere = await startSession(user.userId, origin, T0);
    const { secret } = await beginEnrolment(user, TEST_PASSWORD, T0);
    await confirmEnrolment(user, await codeAt(secret, T0), T0, enrolling);

    const rows = await getDb().authSession.findMany({
      where: { userId: user.userId },
      select: { id: true, revokedAt: true, twoFactorAt: true },
    });
    expect(rows.find((row) => row.id === enrolling)).toMatchObject({
      revokedAt: null,
      twoFactorAt: T0,
    });
    expect(rows.find((row) => row.id === elsewhere)).toMatchObject({
      revokedAt: T0,
      twoFactorAt: null,
    });
  });

  it("leaves no session without the second factor alive: one a sign-in racing the enrolment started with the password alone", async () => {
    const user = await makeUser();
    const origin = { userAgent: null, address: null };
    const enrolling = await startSession(user.userId, origin, T0);
    const { secret } = await beginEnrolment(user, TEST_PASSWORD, T0);
    const { recoveryCodes } = await confirmEnrolment(user, await codeAt(secret, T0), T0, enrolling);
    // That sign-in found no two-factor yet, and writes its session after enrolment ended the others.
    const racing = await startSession(user.userId, origin, later(1), null);

    expect(await resolveSession(user.userId, racing, later(2))).toBeNull();
    expect(await resolveSession(user.userId, enrolling, later(2))).toMatchObject({
      sessionId: enrolling,
      twoFactorAt: T0,
    });
    expect((await listSessions(user, later(2))).map((session) => session.id)).toEqual([enrolling]);

    // Turned off again, a password-only session is an ordinary one.
    await disableTwoFactor(
      user,
      { password: TEST_PASSWORD, code: recoveryCodes[0] ?? "" },
      later(3),
    );
    expect(await resolveSession(user.userId, racing, later(4))).toMatchObject({
      sessionId: racing,
      twoFactorAt: null,
    });
  });
});
