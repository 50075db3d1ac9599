import "server-only";
import { env } from "@/lib/env";
import { enabledSsoConnections, ssoButtonName, ssoProviderId } from "./sso";

/** Sign-in buttons besides the password form: municipalities' SSO, then configured OAuth providers. */
export async function signInProviders(): Promise<{ id: string; name: string }[]> {
  const sso = (await enabledSsoConnections()).map((c) => ({
    id: ssoProviderId(c.municipality.slug),
    name: ssoButtonName(c),
  }));
  return [...sso, ...oauthProviders()];
}

/** OAuth buttons to show: only providers configured in the environment. */
export function oauthProviders(): { id: string; name: string }[] {
  const e = env();
  const out: { id: string; name: string }[] = [];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) out.push({ id: "google", name: "Google" });
  // Entra needs its tenant: multi-tenant sign-in would accept email claims no one verified.
  if (e.MICROSOFT_ENTRA_CLIENT_ID && e.MICROSOFT_ENTRA_CLIENT_SECRET && e.MICROSOFT_ENTRA_TENANT_ID)
    out.push({ id: "azure-ad", name: "Microsoft" });
  return out;
}
