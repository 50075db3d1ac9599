import "server-only";
import { headers } from "next/headers";
import { clientIpFrom } from "@/lib/auth/client-ip";

/**
 * The caller's address for rate limits, read the way lib/auth reads it (only as many proxy hops
 * as are trusted), so a client cannot dodge the limit by sending its own X-Forwarded-For.
 */
export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
