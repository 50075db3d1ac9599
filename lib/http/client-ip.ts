import "server-only";
import { headers } from "next/headers";

/** The caller's address as the proxy in front of us reports it; "local" when there is none. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
}
