// The caller's address for rate limits and the audit trail. X-Forwarded-For is a list that each
// proxy appends to; only the entries added by our own proxies are trustworthy, so the client is
// the entry TRUSTED_PROXY_HOPS from the right. Taking the leftmost entry (the common mistake)
// lets anyone dodge per-IP limits by sending a made-up header.
import { env } from "@/lib/env";

type HeaderBag = { get(name: string): string | null };

export function clientIpFrom(headers: HeaderBag, hops: number = env().TRUSTED_PROXY_HOPS): string {
  const list = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // With no proxy in front, Next.js fills X-Forwarded-For with the socket address when absent.
  const pick = list.length === 0 ? null : list[Math.max(0, list.length - hops)]!;
  const ip = pick ?? headers.get("x-real-ip") ?? "local";
  return ip.slice(0, 64);
}

/** Same, for next-auth's request object (plain header record instead of a Headers instance). */
export function clientIpFromRecord(headers: Record<string, unknown> | undefined): string {
  return clientIpFrom({ get: (name) => headerValue(headers, name) });
}

export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}
