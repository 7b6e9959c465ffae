import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { previewPasswordReset, resetPassword } from "@/lib/db/password-reset";
import { PEER_HEADER, peerStamp, startPeerStamping } from "@/lib/server/client-address";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, actions, expectAppError, makeOrg, makeUser, uniqueEmail } from "./helpers";
import { linkIn, startSmtpServer, type Received } from "./smtp";

// Password reset by email, against a real SMTP server on loopback: the link is read from the
// message that arrived, then used.

const TOKEN = "password-reset-peer-token";
startPeerStamping(TOKEN);
let requestHeaders = new Headers();
// Work handed to Next's after() runs only when a test says the response has gone.
let afterResponse: (() => Promise<unknown>)[] = [];
const queries = vi.hoisted(() => ({ count: 0 }));

vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => afterResponse.push(task),
}));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});

async function responseSent(): Promise<void> {
  const tasks = afterResponse;
  afterResponse = [];
  await Promise.all(tasks.map((task) => task()));
}

const { requestPasswordResetAction } = await import("@/app/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/reset-password/[token]/actions");

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://assay.test";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  await smtp.stop();
});

let peers = 0;
beforeEach(() => {
  peers += 1;
  requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, `192.0.2.${peers}`) });
  afterResponse = [];
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Asks for a reset link for `email` and returns the messages that arrived for it. */
async function askForLink(
  email: string,
): Promise<{ result: Awaited<ReturnType<typeof requestPasswordResetAction>>; mail: Received[] }> {
  const before = smtp.inbox.length;
  const result = await requestPasswordResetAction(null, form({ email }));
  await responseSent();
  return { result, mail: smtp.inbox.slice(before).filter((message) => message.to === email) };
}

const tokenOf = (link: string): string => link.split("/reset-password/")[1] ?? "";
const NEW_PASSWORD = "a fresh and long passphrase";

describe("password reset by email", () => {
  it("emails a one-hour link that sets a new password and signs every device out", async () => {
    const user = await makeUser();
    const ctx = await makeOrg(user);
    const laptop = new AuthClient();
    await laptop.signIn(user.email, TEST_PASSWORD);

    const { result, mail } = await askForLink(user.email);
    expect(result).toEqual({ ok: true, data: { email: user.email } });
    expect(mail).toHaveLength(1);
    const link = linkIn(mail[0], "/reset-password/");
    expect(link.startsWith("https://assay.test/reset-password/")).toBe(true);
    expect(await previewPasswordReset(tokenOf(link), new Date())).toEqual({ email: user.email });

    expect(
      await resetPasswordAction(null, form({ token: tokenOf(link), password: NEW_PASSWORD })),
    ).toEqual({ ok: true, data: { email: user.email } });

    expect(
      await getDb().authSession.count({ where: { userId: user.userId, revokedAt: null } }),
    ).toBe(0);
    expect(await new AuthClient().signIn(user.email, TEST_PASSWORD)).toEqual({
      error: "CredentialsSignin",
    });
    expect(await new AuthClient().signIn(user.email, NEW_PASSWORD)).toEqual({ error: null });
    expect(await actions(ctx.orgId)).toContain("user.password_reset");
  });

  it("stores only a hash of the token, and a link works once", async () => {
    const user = await makeUser();
    const { mail } = await askForLink(user.email);
    const token = tokenOf(linkIn(mail[0], "/reset-password/"));

    const stored = await getDb().passwordResetToken.findMany({
      where: { userId: user.userId },
      select: { tokenHash: true },
    });
    expect(stored).toEqual([{ tokenHash: createHash("sha256").update(token).digest("hex") }]);
    expect(JSON.stringify(stored)).not.toContain(token);

    await resetPassword(token, NEW_PASSWORD, new Date());
    expect(await previewPasswordReset(token, new Date())).toBeNull();
    await expectAppError(
      resetPassword(token, "yet another passphrase", new Date()),
      "NOT_FOUND",
      /expired or was already used/,
    );
    const twice = await Promise.allSettled([
      resetPassword(token, "third passphrase here", new Date()),
      resetPassword(token, "fourth passphrase here", new Date()),
    ]);
    expect(twice.every((outcome) => outcome.status === "rejected")).toBe(true);
  });

  it("lets only one of two simultaneous uses of a fresh link through", async () => {
    const user = await makeUser();
    const { mail } = await askForLink(user.email);
    const token = tokenOf(linkIn(mail[0], "/reset-password/"));
    const outcomes = await Promise.allSettled([
      resetPassword(token, "first of the two passwords", new Date()),
      resetPassword(token, "second of the two passwords", new Date()),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses a link after an hour", async () => {
    const user = await makeUser();
    const { mail } = await askForLink(user.email);
    const token = tokenOf(linkIn(mail[0], "/reset-password/"));
    const later = new Date(Date.now() + 60 * 60_000 + 1000);
    expect(await previewPasswordReset(token, later)).toBeNull();
    await expectAppError(resetPassword(token, NEW_PASSWORD, later), "NOT_FOUND");
  });

  it("refuses an older link once the password changed another way", async () => {
    const user = await makeUser();
    const first = tokenOf(linkIn((await askForLink(user.email)).mail[0], "/reset-password/"));
    const second = tokenOf(linkIn((await askForLink(user.email)).mail[0], "/reset-password/"));
    await resetPassword(second, NEW_PASSWORD, new Date());
    await expectAppError(resetPassword(first, "someone else's choice", new Date()), "NOT_FOUND");
  });

  it("answers an unknown email exactly as a known one, and sends nothing", async () => {
    const known = await makeUser();
    const unknown = uniqueEmail("nobody");
    const forKnown = await askForLink(known.email);
    const forUnknown = await askForLink(unknown);
    expect(forUnknown.result).toEqual({ ok: true, data: { email: unknown } });
    expect(forKnown.result).toEqual({ ok: true, data: { email: known.email } });
    expect(forUnknown.mail).toHaveLength(0);
  });

  it("does the same database work before the response for a known and an unknown email", async () => {
    const known = await makeUser();
    await requestPasswordResetAction(null, form({ email: uniqueEmail("first") })); // makes this address's bucket
    const before = queries.count;
    await requestPasswordResetAction(null, form({ email: known.email }));
    const forKnown = queries.count - before;
    expect(await getDb().passwordResetToken.count({ where: { userId: known.userId } })).toBe(0);
    const between = queries.count;
    await requestPasswordResetAction(null, form({ email: uniqueEmail("nobody") }));
    expect(queries.count - between).toBe(forKnown);
    await responseSent();
    expect(await getDb().passwordResetToken.count({ where: { userId: known.userId } })).toBe(1);
  });

  it("sends at most 3 links an hour asked from one address, and a stranger's requests do not use up another address's", async () => {
    const user = await makeUser();
    const results = [];
    let delivered = 0;
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, "198.51.100.101") });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const { result, mail } = await askForLink(user.email);
      results.push(result);
      delivered += mail.length;
    }
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(delivered).toBe(3);
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, "198.51.100.102") });
    expect((await askForLink(user.email)).mail).toHaveLength(1);
  });

  it("sends at most 10 links an hour for one email from every address together, then one to each address that has not asked", async () => {
    const user = await makeUser();
    let delivered = 0;
    for (const address of [
      "198.51.100.111",
      "198.51.100.112",
      "198.51.100.113",
      "198.51.100.114",
    ]) {
      requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, address) });
      for (let attempt = 1; attempt <= 3; attempt += 1)
        delivered += (await askForLink(user.email)).mail.length;
    }
    expect(delivered).toBe(10);
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, "198.51.100.115") });
    expect((await askForLink(user.email)).mail).toHaveLength(1);
    expect((await askForLink(user.email)).mail).toHaveLength(0);
  });

  it("limits one address to 10 requests an hour, whatever emails it asks about", async () => {
    const codes: string[] = [];
    for (let attempt = 1; attempt <= 11; attempt += 1) {
      const result = (await askForLink(uniqueEmail("probe"))).result;
      codes.push(result.ok ? "ok" : result.code);
    }
    expect(codes).toEqual([...Array(10).fill("ok"), "RATE_LIMITED"]);
  });

  it("holds one address at 10 when 30 requests arrive at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        requestPasswordResetAction(null, form({ email: uniqueEmail("burst") })),
      ),
    );
    await responseSent();
    const codes = results.map((result) => (result.ok ? "ok" : result.code));
    expect(codes.filter((code) => code === "ok")).toHaveLength(10);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(20);
  });

  it("says so, for every email alike, when no mail is set up", async () => {
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const user = await makeUser();
      expect(await requestPasswordResetAction(null, form({ email: user.email }))).toMatchObject({
        ok: false,
        code: "CONFLICT",
        message: /not set up/,
      });
      expect(await requestPasswordResetAction(null, form({ email: uniqueEmail() }))).toMatchObject({
        ok: false,
        code: "CONFLICT",
        message: /not set up/,
      });
      expect(await getDb().passwordResetToken.count({ where: { userId: user.userId } })).toBe(0);
    } finally {
      process.env.SMTP_URL = url;
    }
  });

  it("checks the new password with a field message", async () => {
    const user = await makeUser();
    const token = tokenOf(linkIn((await askForLink(user.email)).mail[0], "/reset-password/"));
    expect(await resetPasswordAction(null, form({ token, password: "short" }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { password: ["Use at least 12 characters."] },
    });
    expect(
      await resetPasswordAction(null, form({ token: "not a token!", password: NEW_PASSWORD })),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});
