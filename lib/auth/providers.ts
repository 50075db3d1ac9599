import "server-only";
import { env } from "@/lib/env";

/** OAuth buttons to show: only providers configured in the environment. */
export function oauthProviders(): { id: string; name: string }[] {
  const e = env();
  const out: { id: string; name: string }[] = [];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) out.push({ id: "google", name: "Google" });
  if (e.MICROSOFT_ENTRA_CLIENT_ID && e.MICROSOFT_ENTRA_CLIENT_SECRET) out.push({ id: "azure-ad", name: "Microsoft" });
  return out;
}
