// Who may read /metrics. The numbers are not secrets, but they say how busy a municipality's
// sign-in is, how many people fail to sign in and which routes exist, so they are for the
// operator's scraper only: a bearer token (METRICS_TOKEN), an allow-list of the connection's own
// addresses (METRICS_ALLOW), or both. With neither configured the endpoint does not exist (404),
// so a fresh installation exposes nothing until someone decides who scrapes it.
//
// The allow-list is matched against the socket's peer (scripts/server.mjs writes it into an
// internal header), never X-Forwarded-For: a client writes that header itself. Behind a load
// balancer the peer is the balancer, so scrape each server directly, not through it.
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { createHash, timingSafeEqual } from "node:crypto";
import type { MetricsSettings } from "@/lib/env";

/** 200: serve the metrics; 401: a token is needed (or was wrong); 404: not from here, or not configured. */
export type MetricsVerdict = 200 | 401 | 404;

/** "::ffff:1.2.3.4" (IPv4 on a dual-stack socket) is 1.2.3.4; a zone id ("fe80::1%eth0") is dropped. */
export function plainAddress(address: string): string {
  const a = address.trim().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  return mapped ? mapped[1]! : a;
}

/** The allow-list as a BlockList (node:net), which matches IPv4 and IPv6 addresses and subnets. */
export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const plain = plainAddress(address!);
    const family = isIPv4(plain) ? "ipv4" : isIPv6(plain) ? "ipv6" : null;
    if (!family) throw new Error(`METRICS_ALLOW: "${entry}" is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(plain, family);
    else list.addSubnet(plain, Number(bits), family);
  }
  return list;
}

export function addressAllowed(list: BlockList, peer: string | null): boolean {
  if (!peer) return false;
  const plain = plainAddress(peer);
  if (isIPv4(plain)) return list.check(plain, "ipv4");
  if (isIPv6(plain)) return list.check(plain, "ipv6");
  return false;
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** `Authorization: Bearer <token>`, compared in constant time (digests of equal length). */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  return !!m && timingSafeEqual(digest(m[1]!), digest(token));
}

const lists = new Map<string, BlockList>();

/**
 * The answer for one scrape. The address is checked first: from outside the allow-list the
 * endpoint does not exist (404), whatever token is sent, so nobody outside learns that a token
 * would open it.
 */
export function metricsAccess(
  settings: MetricsSettings,
  request: { peer: string | null; authorization: string | null },
): MetricsVerdict {
  if (!settings.token && !settings.allow) return 404;
  if (settings.allow) {
    const key = settings.allow.join(",");
    let list = lists.get(key);
    if (!list) lists.set(key, (list = allowList(settings.allow)));
    if (!addressAllowed(list, request.peer)) return 404;
  }
  if (settings.token && !bearerMatches(request.authorization, settings.token)) return 401;
  return 200;
}
