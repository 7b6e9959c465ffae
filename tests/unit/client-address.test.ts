import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addressKey,
  clientAddress,
  PEER_HEADER,
  peerStamp,
  stampPeer,
  startPeerStamping,
  trustedProxyHops,
} from "@/lib/server/client-address";

const TOKEN = "unit-test-peer-token";
startPeerStamping(TOKEN);

const headersOf = (values: Record<string, string>) => (name: string) => values[name] ?? null;
const stamped = (address: string, extra: Record<string, string> = {}) =>
  headersOf({ [PEER_HEADER]: peerStamp(TOKEN, address), ...extra });

describe("clientAddress with TRUSTED_PROXY_HOPS=0 (the default)", () => {
  it("uses the socket's address and ignores X-Forwarded-For and X-Real-IP", () => {
    expect(
      clientAddress(
        stamped("192.0.2.7", { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98" }),
        0,
      ),
    ).toBe("192.0.2.7");
  });

  it("ignores a peer header that this process did not stamp (a client sending its own)", () => {
    expect(clientAddress(headersOf({ [PEER_HEADER]: "guessed-token 203.0.113.5" }), 0)).toBe(
      "unknown",
    );
    expect(clientAddress(headersOf({ [PEER_HEADER]: "203.0.113.5" }), 0)).toBe("unknown");
    expect(clientAddress(headersOf({ "x-forwarded-for": "203.0.113.5" }), 0)).toBe("unknown");
  });
});

describe("clientAddress with TRUSTED_PROXY_HOPS=N", () => {
  const chain = "203.0.113.1, 198.51.100.2, 192.0.2.3";
  it.each([
    [1, "192.0.2.3"],
    [2, "198.51.100.2"],
    [3, "203.0.113.1"],
    [4, "unknown"],
  ])("takes the address %i from the right", (hops, expected) => {
    expect(clientAddress(stamped("10.0.0.1", { "x-forwarded-for": chain }), hops)).toBe(expected);
  });

  it("is not fooled by addresses a client puts in front of the proxy's", () => {
    const spoofed = (claim: string) =>
      clientAddress(headersOf({ "x-forwarded-for": `${claim}, 192.0.2.3` }), 1);
    expect(new Set([spoofed("203.0.113.1"), spoofed("203.0.113.2"), spoofed("10.9.9.9")])).toEqual(
      new Set(["192.0.2.3"]),
    );
  });
});

describe("addressKey", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::1]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["not an address", "unknown"],
    ["", "unknown"],
  ])("%j → %j", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe("trustedProxyHops", () => {
  it("defaults to 0 and refuses nonsense", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops(" 2 ")).toBe(2);
    expect(() => trustedProxyHops("-1")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => trustedProxyHops("one")).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

// The server entry's stamp over a real socket: whatever the client sends, the address is the
// socket's.
describe("stampPeer", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      stampPeer(TOKEN, request);
      response.end(clientAddress((name) => [request.headers[name]].flat()[0] ?? null, 0));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port, headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve(body));
      });
      request.on("error", reject);
      request.end();
    });

  it("answers the socket's address to a client that forges the headers", async () => {
    expect(await get({})).toBe("127.0.0.1");
    expect(await get({ "x-forwarded-for": "203.0.113.50" })).toBe("127.0.0.1");
    expect(await get({ [PEER_HEADER]: peerStamp(TOKEN, "203.0.113.51") })).toBe("127.0.0.1");
  });
});
