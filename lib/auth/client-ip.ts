// The caller's address for rate limits and the audit trail. By default nothing a client sends
// decides it: the address is the TCP peer's, which our HTTP server (scripts/server.mjs) writes
// into an internal header on every request, overwriting whatever a client sent under that name
// (Next.js itself exposes no socket address to route handlers and server actions, and fills
// X-Forwarded-For with it only when the client sent none — so a client-sent X-Forwarded-For
// used to pick the address that rate limits and the audit trail saw).
//
// Behind proxies (TRUSTED_PROXY_HOPS ≥ 1) X-Forwarded-For is a list each proxy appends to; only
// the entries our own proxies added are trustworthy, so the client is the entry
// TRUSTED_PROXY_HOPS from the right. Taking the leftmost entry lets anyone pick their address.
import { isIPv4, isIPv6 } from "node:net";
import { env } from "@/lib/env";
import { log } from "@/lib/ops/log";

/** Set by scripts/server.mjs from the socket; a client's own value under this name never survives it. */
export const PEER_HEADER = "x-gatehouse-peer";

type HeaderBag = { get(name: string): string | null };

let warned = false;

/**
 * `hops`: proxies of ours in front (0: none, the socket is the client). `peerTrusted`: whether
 * our server wrote PEER_HEADER (it says so in GATEHOUSE_PEER_HEADER); without it, as under a
 * plain `next start`, the header may be the client's own, and with no proxy to ask the address is
 * "unknown" — every such caller shares one bucket, so the limits still hold.
 */
export function clientIpFrom(
  headers: HeaderBag,
  hops: number = env().TRUSTED_PROXY_HOPS,
  peerTrusted: boolean = env().GATEHOUSE_PEER_HEADER === "1",
): string {
  const peer = peerTrusted ? headers.get(PEER_HEADER)?.trim() || null : null;
  if (!peerTrusted && hops === 0 && !warned) {
    warned = true;
    log.warn(
      "[gatehouse] the socket address is unknown: start the app with `npm start` (scripts/server.mjs), not `next start`, or set TRUSTED_PROXY_HOPS behind a proxy. Rate limits treat every caller as one address meanwhile.",
    );
  }
  if (hops === 0) return tidy(peer ?? "unknown");
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // No proxy wrote anything (misconfigured hops, or a health check from inside): the socket.
  if (list.length === 0) return tidy(peer ?? "unknown");
  return tidy(list[Math.max(0, list.length - hops)]!);
}

/** "::ffff:1.2.3.4" (IPv4 over an IPv6 socket) is 1.2.3.4; anything else is kept, bounded. */
function tidy(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return (mapped ? mapped[1]! : ip).slice(0, 64);
}

/** Same, for next-auth's request object (plain header record instead of a Headers instance). */
export function clientIpFromRecord(headers: Record<string, unknown> | undefined): string {
  return clientIpFrom({ get: (name) => headerValue(headers, name) });
}

export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

/**
 * The unit rate limits count by: an IPv4 address, or an IPv6 /64. One home connection or cloud
 * host is handed a whole /64 and can send from any of its 2^64 addresses, so counting single
 * IPv6 addresses would give it that many tries.
 */
export function addressForLimits(ip: string): string {
  const plain = tidy(ip);
  if (isIPv4(plain)) return plain;
  const bare = plain.replace(/%.*$/, "");
  if (!isIPv6(bare)) return plain;
  const groups = expandIPv6(bare);
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

function expandIPv6(ip: string): string[] {
  const parts = (s: string) => (s ? s.split(":").flatMap((g) => (g.includes(".") ? v4Groups(g) : [g])) : []);
  const [head, tail] = ip.includes("::") ? (ip.split("::") as [string, string]) : [ip, undefined];
  const h = parts(head);
  const t = tail === undefined ? [] : parts(tail);
  return [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
}

function v4Groups(v4: string): string[] {
  const b = v4.split(".").map(Number);
  return [((b[0]! << 8) | b[1]!).toString(16), ((b[2]! << 8) | b[3]!).toString(16)];
}
