import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

// The client's address keys rate limits (never authorisation). Next.js does not hand route
// handlers, server actions or next-auth the socket's address: it only fills X-Forwarded-For
// with it when the client sent none, so that header is whatever the client says. Our server
// entry (scripts/serve.ts) therefore stamps every request with the socket's address in
// PEER_HEADER, overwriting anything the client sent, together with a random token made at
// start-up that only this process knows; a request without the token (served by a bare
// `next start` or `next dev`) has no known peer.

export const PEER_HEADER = "x-assay-peer";
const TOKEN_VARIABLE = "ASSAY_PEER_TOKEN";

type HeaderReader = (name: string) => string | null | undefined;

/** How many proxies in front of the app append to X-Forwarded-For (TRUSTED_PROXY_HOPS, default 0). */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value?.trim() || "0");
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, not "${value}".`);
  return hops;
}

/** Called once by the server entry: the token that marks its own peer stamps. */
export function startPeerStamping(token: string): void {
  process.env[TOKEN_VARIABLE] = token;
}

/** The value the server entry writes into PEER_HEADER for a request from `address`. */
export function peerStamp(token: string, address: string | undefined): string {
  return `${token} ${address ?? ""}`;
}

/** The server entry's first step for every request: the socket's address, over anything sent. */
export function stampPeer(token: string, request: IncomingMessage): void {
  request.headers[PEER_HEADER] = peerStamp(token, request.socket.remoteAddress);
}

/** The socket's address, if the request was stamped by this process's server entry. */
function stampedPeer(header: HeaderReader): string | null {
  const token = process.env[TOKEN_VARIABLE];
  const stamp = header(PEER_HEADER);
  if (!token || !stamp) return null;
  const [given = "", address = ""] = stamp.split(" ");
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return address || null;
}

/**
 * One key per client: IPv4-mapped IPv6 as IPv4, other IPv6 addresses by their /64 (one
 * subscriber usually holds a whole /64, so counting single addresses would be no limit at all).
 */
export function addressKey(address: string): string {
  const plain = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped?.[1]) return mapped[1];
  if (isIP(plain) !== 6) return isIP(plain) === 4 ? plain : "unknown";
  const [head = "", tail = ""] = plain.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = plain.includes("::")
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The client's address: with `hops` = 0 the socket's own (X-Forwarded-For ignored); with N
 * proxies in front, the Nth address from the right of X-Forwarded-For (each proxy appends the
 * address it was reached from, so the ones further left are the client's own claims).
 */
export function clientAddress(header: HeaderReader, hops: number = trustedProxyHops()): string {
  if (hops === 0) return addressKey(stampedPeer(header) ?? "unknown");
  const forwarded = (header("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return addressKey(forwarded[forwarded.length - hops] ?? "unknown");
}
