import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PEER_HEADER, peerStamp, startPeerStamping } from "@/lib/server/client-address";
import { AuthClient } from "./auth-client";
import { makeUser, uniqueEmail } from "./helpers";
import { linkIn, startSmtpServer, type Received } from "./smtp";

// With mail set up, sign-up answers the same for an email that has an account and one that
// has not (must-hold 3 of #11); the difference only reaches the mailbox's owner.

const TOKEN = "sign-up-peer-token";
startPeerStamping(TOKEN);
let requestHeaders = new Headers();
let afterResponse: Promise<unknown>[] = [];

vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => afterResponse.push(task()),
}));

const { finishSignUpAction, signUpAction, signUpByEmailAction } =
  await import("@/app/sign-up/actions");

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

async function signUp(
  email: string,
  name = "Nora New",
): Promise<{ result: unknown; mail: Received[] }> {
  const before = smtp.inbox.length;
  const result = await signUpByEmailAction(null, form({ name, email, callbackUrl: "/o/acme" }));
  await Promise.all(afterResponse);
  return { result, mail: smtp.inbox.slice(before).filter((message) => message.to === email) };
}

const tokenOf = (link: string) => link.split("/sign-up/finish/")[1] ?? "";
const PASSWORD = "the password I chose myself";

describe("sign-up with mail set up", () => {
  it("answers an existing email exactly like a new one, and creates nothing yet", async () => {
    const existing = await makeUser();
    const fresh = uniqueEmail("fresh");
    const forExisting = await signUp(existing.email);
    const forFresh = await signUp(fresh);

    expect(forExisting.result).toEqual({ ok: true, data: { email: existing.email } });
    expect(forFresh.result).toEqual({ ok: true, data: { email: fresh } });
    expect(await getDb().user.count({ where: { email: fresh } })).toBe(0);
    expect(forExisting.mail.map((message) => message.subject)).toEqual([
      "You already have an Assay account",
    ]);
    expect(forFresh.mail.map((message) => message.subject)).toEqual([
      "Finish creating your Assay account",
    ]);
  });

  it("creates the account from the link, once, and it signs in", async () => {
    const email = uniqueEmail("finisher");
    const token = tokenOf(linkIn((await signUp(email)).mail[0], "/sign-up/finish/"));

    expect(await finishSignUpAction(null, form({ token, password: PASSWORD }))).toEqual({
      ok: true,
      data: { email, callbackUrl: "/o/acme" },
    });
    expect(await getDb().user.findUnique({ where: { email }, select: { name: true } })).toEqual({
      name: "Nora New",
    });
    expect(await new AuthClient().signIn(email, PASSWORD)).toEqual({ error: null });
    expect(
      await finishSignUpAction(null, form({ token, password: "someone else's password" })),
    ).toMatchObject({ ok: false, code: "CONFLICT", message: /already used/ });
  });

  it("refuses a link whose claims were changed, or that expired", async () => {
    const email = uniqueEmail("tamper");
    const token = tokenOf(linkIn((await signUp(email)).mail[0], "/sign-up/finish/"));
    const [payload = "", signature = ""] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, email: "victim@example.test" })).toString("base64url")}.${signature}`;
    expect(
      await finishSignUpAction(null, form({ token: forged, password: PASSWORD })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });

    vi.useFakeTimers({ now: Date.now() + 24 * 60 * 60_000 + 1000, toFake: ["Date"] });
    try {
      expect(await finishSignUpAction(null, form({ token, password: PASSWORD }))).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
    } finally {
      vi.useRealTimers();
    }
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("does not create accounts at once, even when posted to directly", async () => {
    const email = uniqueEmail("direct");
    expect(
      await signUpAction(null, form({ name: "Direct", email, password: PASSWORD })),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("sends at most 3 sign-up mails an hour for one email asked from one address, answering the same; another address still gets one", async () => {
    const existing = await makeUser();
    let delivered = 0;
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, "198.51.100.51") });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const { result, mail } = await signUp(existing.email);
      expect(result).toEqual({ ok: true, data: { email: existing.email } });
      delivered += mail.length;
    }
    expect(delivered).toBe(3);
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, "198.51.100.52") });
    expect((await signUp(existing.email)).mail).toHaveLength(1);
  });
});
