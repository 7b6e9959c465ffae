import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PEER_HEADER, peerStamp, startPeerStamping } from "@/lib/server/client-address";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, makeOrg, makeUser } from "./helpers";

// Sign-in, the session it starts, and sign-out, through next-auth's own handlers with our
// options; getCurrentSession reads the browser's token the way every page and action does.

let browser: AuthClient | null = null;

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (browser ? browser.serverSession() : null),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => undefined,
}));

const { getCurrentSession, getCurrentUser } = await import("@/lib/auth/session");

const TOKEN = "test-peer-token";
startPeerStamping(TOKEN);
let addresses = 0;
/** A browser on an address of its own, stamped by the server entry like every real request. */
function newBrowser(extra: Record<string, string> = {}): AuthClient {
  addresses += 1;
  return new AuthClient({
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
    [PEER_HEADER]: peerStamp(TOKEN, `198.51.100.${addresses}`),
    ...extra,
  });
}

async function currentUserOf(client: AuthClient) {
  browser = client;
  return getCurrentUser();
}

beforeEach(() => {
  browser = null;
});

describe("signing in", () => {
  it("starts a session row that the token names, with the device and address", async () => {
    const user = await makeUser();
    const client = newBrowser();
    expect(await client.signIn(user.email, TEST_PASSWORD)).toEqual({ error: null });

    browser = client;
    const session = await getCurrentSession();
    expect(session?.user).toEqual(user);
    const row = await getDb().authSession.findUniqueOrThrow({
      where: { id: session?.sessionId ?? "" },
    });
    expect(row).toMatchObject({
      userId: user.userId,
      revokedAt: null,
      address: `198.51.100.${addresses}`,
    });
    expect(row.userAgent).toContain("Firefox");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it("starts no session for a wrong password", async () => {
    const user = await makeUser();
    const client = newBrowser();
    expect(await client.signIn(user.email, "not the password")).toEqual({
      error: "CredentialsSignin",
    });
    expect(client.sessionToken).toBeUndefined();
    expect(await getDb().authSession.count({ where: { userId: user.userId } })).toBe(0);
  });
});

describe("signing out", () => {
  // Finding 5 of #11: after POST /api/auth/signout the old cookie still worked.
  it("revokes the session server-side: the old token, replayed, reads as signed out", async () => {
    const user = await makeUser();
    await makeOrg(user);
    const client = newBrowser();
    await client.signIn(user.email, TEST_PASSWORD);
    const stolen = new AuthClient(client.headers);
    stolen.cookies.set("next-auth.session-token", client.sessionToken ?? "");
    expect(await currentUserOf(stolen)).toEqual(user);
    expect(await stolen.sessionEndpoint()).toMatchObject({ user: { email: user.email } });

    await client.signOut();

    expect(client.sessionToken).toBeUndefined();
    expect(await currentUserOf(stolen)).toBeNull();
    // next-auth's own endpoint agrees, and clears the dead cookie.
    expect(await stolen.sessionEndpoint()).toEqual({});
    expect(stolen.sessionToken).toBeUndefined();
    expect(
      await getDb().authSession.count({ where: { userId: user.userId, revokedAt: null } }),
    ).toBe(0);
  });

  it("ends only that browser's session", async () => {
    const user = await makeUser();
    const laptop = newBrowser();
    const phone = newBrowser();
    await laptop.signIn(user.email, TEST_PASSWORD);
    await phone.signIn(user.email, TEST_PASSWORD);

    await laptop.signOut();

    expect(await currentUserOf(phone)).toEqual(user);
  });

  it("refuses a token without a session id (issued before sessions were recorded)", async () => {
    const user = await makeUser();
    const { encode } = await import("next-auth/jwt");
    const legacy = new AuthClient();
    legacy.cookies.set(
      "next-auth.session-token",
      await encode({
        token: { sub: user.userId, email: user.email, name: user.name },
        secret: process.env.AUTH_SECRET ?? "",
      }),
    );
    expect(await currentUserOf(legacy)).toBeNull();
  });
});

describe("a session's life", () => {
  it("ends when its row expires or the password changed after it began", async () => {
    const user = await makeUser();
    const client = newBrowser();
    await client.signIn(user.email, TEST_PASSWORD);
    browser = client;
    const sessionId = (await getCurrentSession())?.sessionId ?? "";

    await getDb().user.update({
      where: { id: user.userId },
      data: { passwordChangedAt: new Date(Date.now() + 1000) },
    });
    expect(await currentUserOf(client)).toBeNull();
    await getDb().user.update({ where: { id: user.userId }, data: { passwordChangedAt: null } });
    expect(await currentUserOf(client)).toEqual(user);

    await getDb().authSession.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await currentUserOf(client)).toBeNull();
  });

  it("is not another user's: a token naming someone else's session id reads as signed out", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const client = newBrowser();
    await client.signIn(owner.email, TEST_PASSWORD);
    browser = client;
    const sessionId = (await getCurrentSession())?.sessionId ?? "";
    const { encode } = await import("next-auth/jwt");
    const forged = new AuthClient();
    forged.cookies.set(
      "next-auth.session-token",
      await encode({
        token: { sub: other.userId, sid: sessionId },
        secret: process.env.AUTH_SECRET ?? "",
      }),
    );
    expect(await currentUserOf(forged)).toBeNull();
  });

  it("notes when it was last seen, at most every five minutes", async () => {
    const user = await makeUser();
    const client = newBrowser();
    await client.signIn(user.email, TEST_PASSWORD);
    browser = client;
    const sessionId = (await getCurrentSession())?.sessionId ?? "";
    const lastSeen = async () =>
      (
        await getDb().authSession.findUniqueOrThrow({ where: { id: sessionId } })
      ).lastSeenAt.getTime();

    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await getDb().authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: twoMinutesAgo },
    });
    await currentUserOf(client);
    expect(await lastSeen()).toBe(twoMinutesAgo.getTime());

    await getDb().authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - 6 * 60_000) },
    });
    await currentUserOf(client);
    expect(Date.now() - (await lastSeen())).toBeLessThan(60_000);
  });
});
