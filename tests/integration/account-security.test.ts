import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, actions, expectIntactLog, makeOrg, makeUser } from "./helpers";

// The Security page's actions, called the way a browser would: signed in through next-auth,
// the session cookie read from (and re-issued into) that browser's jar.

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
vi.mock("next/headers", () => ({
  cookies: async () => ({
    set: (name: string, value: string) => browser?.cookies.set(name, value),
    delete: (name: string) => browser?.cookies.delete(name),
  }),
}));

const { getCurrentSession, getCurrentUser } = await import("@/lib/auth/session");
const { changePasswordAction, revokeSessionAction, signOutEverywhereAction } =
  await import("@/app/account/security/actions");
const { listSessions } = await import("@/lib/db/sessions");

const NEW_PASSWORD = "a brand new passphrase";

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function signedIn(
  email: string,
  userAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/140.0 Safari/537.36",
): Promise<AuthClient> {
  const client = new AuthClient({ "user-agent": userAgent });
  expect(await client.signIn(email, TEST_PASSWORD)).toEqual({ error: null });
  return client;
}

async function as<T>(client: AuthClient, work: () => Promise<T>): Promise<T> {
  browser = client;
  return work();
}

const userOf = (client: AuthClient) => as(client, getCurrentUser);

beforeEach(() => {
  browser = null;
});

describe("change password", () => {
  it("ends every other session and keeps this one, under a new session id", async () => {
    const user = await makeUser();
    const ctx = await makeOrg(user);
    const laptop = await signedIn(user.email);
    const phone = await signedIn(
      user.email,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1",
    );
    const before = (await as(laptop, getCurrentSession))?.sessionId;
    const oldLaptopToken = laptop.sessionToken;

    const result = await as(laptop, () =>
      changePasswordAction(
        null,
        form({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
      ),
    );

    expect(result).toEqual({ ok: true, data: null });
    expect(await userOf(laptop)).toEqual(user);
    expect((await as(laptop, getCurrentSession))?.sessionId).not.toBe(before);
    expect(await userOf(phone)).toBeNull();
    const replay = new AuthClient();
    replay.cookies.set("next-auth.session-token", oldLaptopToken ?? "");
    expect(await userOf(replay)).toBeNull();
    expect(await new AuthClient().signIn(user.email, TEST_PASSWORD)).toEqual({
      error: "CredentialsSignin",
    });
    expect(await new AuthClient().signIn(user.email, NEW_PASSWORD)).toEqual({ error: null });
    expect(await actions(ctx.orgId)).toContain("user.password_changed");
    await expectIntactLog(ctx);
  });

  it("requires the current password, with the message on its field and nothing changed", async () => {
    const user = await makeUser();
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);

    const result = await as(laptop, () =>
      changePasswordAction(
        null,
        form({ currentPassword: "not my password", newPassword: NEW_PASSWORD }),
      ),
    );

    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    expect(await userOf(phone)).toEqual(user);
    expect(await new AuthClient().signIn(user.email, TEST_PASSWORD)).toEqual({ error: null });
  });

  it("checks the new password like sign-up does", async () => {
    const user = await makeUser();
    const laptop = await signedIn(user.email);
    const result = await as(laptop, () =>
      changePasswordAction(null, form({ currentPassword: TEST_PASSWORD, newPassword: "short" })),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { newPassword: ["Use at least 12 characters."] },
    });
  });

  it("limits guesses at the current password", async () => {
    const user = await makeUser();
    const laptop = await signedIn(user.email);
    const codes: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const result = await as(laptop, () =>
        changePasswordAction(
          null,
          form({ currentPassword: `guess ${attempt}`, newPassword: NEW_PASSWORD }),
        ),
      );
      codes.push(result.ok ? "ok" : result.code);
    }
    expect(codes).toEqual([...Array(5).fill("VALIDATION"), "RATE_LIMITED"]);
  });

  it("lets at most 5 of 30 simultaneous guesses at the current password be checked", async () => {
    const user = await makeUser();
    const laptop = await signedIn(user.email);
    browser = laptop;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        changePasswordAction(
          null,
          form({ currentPassword: `guess ${index}`, newPassword: NEW_PASSWORD }),
        ),
      ),
    );
    const codes = results.map((result) => (result.ok ? "ok" : result.code));
    expect(codes.filter((code) => code === "VALIDATION")).toHaveLength(5);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(25);
  });

  it("asks a signed-out caller to sign in", async () => {
    const result = await changePasswordAction(
      null,
      form({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    );
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("signed-in devices", () => {
  it("lists the live sessions and signs out one of them", async () => {
    const user = await makeUser();
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const phoneSession = (await as(phone, getCurrentSession))?.sessionId ?? "";
    expect((await listSessions(user, new Date())).map((session) => session.id)).toContain(
      phoneSession,
    );

    expect(
      await as(laptop, () => revokeSessionAction(null, form({ sessionId: phoneSession }))),
    ).toEqual({ ok: true, data: null });

    expect(await userOf(phone)).toBeNull();
    expect(await userOf(laptop)).toEqual(user);
    expect((await listSessions(user, new Date())).map((session) => session.id)).not.toContain(
      phoneSession,
    );
  });

  it("answers not found for another user's session, and leaves it alone", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const mine = await signedIn(user.email);
    const theirs = await signedIn(other.email);
    const theirSession = (await as(theirs, getCurrentSession))?.sessionId ?? "";

    expect(
      await as(mine, () => revokeSessionAction(null, form({ sessionId: theirSession }))),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await userOf(theirs)).toEqual(other);
  });

  it("signs out everywhere: every session ends, this one too, and it is logged", async () => {
    const user = await makeUser();
    const ctx = await makeOrg(user);
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    const laptopToken = laptop.sessionToken ?? "";

    const outcome = await as(laptop, () =>
      signOutEverywhereAction(null, form()).then(
        () => "returned",
        (error: unknown) => (error as { digest?: string }).digest ?? "threw",
      ),
    );

    expect(outcome).toMatch(/^NEXT_REDIRECT;.*\/sign-in/);
    expect(laptop.sessionToken).toBeUndefined();
    const replay = new AuthClient();
    replay.cookies.set("next-auth.session-token", laptopToken);
    expect(await userOf(replay)).toBeNull();
    expect(await userOf(phone)).toBeNull();
    expect(
      await getDb().authSession.count({ where: { userId: user.userId, revokedAt: null } }),
    ).toBe(0);
    expect(await actions(ctx.orgId)).toContain("user.signed_out_everywhere");
  });
});
