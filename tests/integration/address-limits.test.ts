import { afterEach, describe, expect, it, vi } from "vitest";
import { PEER_HEADER, peerStamp, startPeerStamping } from "@/lib/server/client-address";
import { AuthClient } from "./auth-client";
import { makeUser } from "./helpers";

// Finding 3 of #11: per-address limits trusted X-Forwarded-For, so a new header per attempt
// bought a new allowance (40 of 40 sign-in attempts went through). The address is now the
// socket's, as stamped by the server entry, unless TRUSTED_PROXY_HOPS says proxies are in front.

const TOKEN = "address-limits-peer-token";
startPeerStamping(TOKEN);

let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));

const { signUpAction } = await import("@/app/sign-up/actions");

let peers = 0;
const nextPeer = () => `192.0.2.${(peers += 1)}`;
const spoof = (n: number) => `203.0.113.${n % 250}, 198.18.${Math.floor(n / 250)}.${n % 250}`;

function signUpForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe("sign-in limits with TRUSTED_PROXY_HOPS=0", () => {
  it("ignore a new X-Forwarded-For on every attempt: 5 of 40 guesses reach the password check", async () => {
    const user = await makeUser();
    const peer = nextPeer();
    const errors: (string | null)[] = [];
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      const client = new AuthClient({
        [PEER_HEADER]: peerStamp(TOKEN, peer),
        "x-forwarded-for": spoof(attempt),
      });
      errors.push((await client.signIn(user.email, `wrong password ${attempt}`)).error);
    }
    expect(errors.filter((error) => error === "CredentialsSignin")).toHaveLength(5);
    expect(errors.slice(5).every((error) => /^RATE_LIMITED:\d+$/.test(error ?? ""))).toBe(true);
  });
});

describe("sign-in limits with TRUSTED_PROXY_HOPS=1", () => {
  it("count by the address the proxy appended, whatever the client put before it", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const user = await makeUser();
    const proxy = nextPeer();
    const viaProxy = (client: string, claim: string) =>
      new AuthClient({
        [PEER_HEADER]: peerStamp(TOKEN, proxy),
        "x-forwarded-for": `${claim}, ${client}`,
      });
    const errors: (string | null)[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1)
      errors.push(
        (await viaProxy("198.51.100.20", `203.0.113.${attempt}`).signIn(user.email, "wrong")).error,
      );
    expect(errors.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(errors[5]).toMatch(/^RATE_LIMITED:/);
    // Another client behind the same proxy is not held back.
    expect((await viaProxy("198.51.100.21", "203.0.113.1").signIn(user.email, "wrong")).error).toBe(
      "CredentialsSignin",
    );
  });
});

describe("sign-up limits", () => {
  it("bound what sign-up tells about existing emails to 10 answers per address an hour, whatever X-Forwarded-For says", async () => {
    const peer = nextPeer();
    const existing = await Promise.all(Array.from({ length: 12 }, () => makeUser()));
    const codes: string[] = [];
    for (const [index, user] of existing.entries()) {
      requestHeaders = new Headers({
        [PEER_HEADER]: peerStamp(TOKEN, peer),
        "x-forwarded-for": spoof(index),
      });
      const result = await signUpAction(
        null,
        signUpForm({ name: "Probe", email: user.email, password: "a long enough password" }),
      );
      codes.push(result.ok ? "ok" : result.code);
    }
    expect(codes).toEqual([...Array(10).fill("CONFLICT"), "RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("hold at 10 when 30 sign-ups with known emails arrive from one address at once", async () => {
    const existing = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    requestHeaders = new Headers({ [PEER_HEADER]: peerStamp(TOKEN, nextPeer()) });
    const results = await Promise.all(
      existing.map((user) =>
        signUpAction(
          null,
          signUpForm({ name: "Probe", email: user.email, password: "a long enough password" }),
        ),
      ),
    );
    const codes = results.map((result) => (result.ok ? "ok" : result.code));
    expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(10);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(20);
  });
});
